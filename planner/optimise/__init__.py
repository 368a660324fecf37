"""The integer program of spec section 2, built with PuLP in named steps.

`program` defines variables and the nations' hard statements, `soft` the
requirement's soft constraints, `objectives` the two objectives, and
`backends` runs HiGHS (in process) or CBC and reads the answer back.
fair_share on HiGHS is proved by searching the force total: `troop_totals`
(what each nation can send), `fair_bound` (a bound per total), `fair_model`
(the program with the search's rows) and `fair_search` (the search).
"""
