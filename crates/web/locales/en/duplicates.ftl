## A new record's "already here?" box
duplicates-title = { $count ->
    [one] Already here? A similar record exists:
   *[other] Already here? { $count } similar records exist:
}
