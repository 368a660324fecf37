"""The integer program of spec section 2, built with PuLP in named steps.

`program` defines variables and the nations' hard statements, `soft` the
requirement's soft constraints, `objectives` the two objectives, and
`backends` runs HiGHS (in process) or CBC and reads the answer back.
"""
