## A new record's "already here?" box
duplicates-title = { $count ->
    [one] Már szerepel? Van egy hasonló rekord:
   *[other] Már szerepel? { $count } hasonló rekord van:
}
