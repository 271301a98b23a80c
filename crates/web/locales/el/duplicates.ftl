## A new record's "already here?" box
duplicates-title = { $count ->
    [one] Υπάρχει ήδη; Βρέθηκε μία παρόμοια εγγραφή:
   *[other] Υπάρχει ήδη; Βρέθηκαν { $count } παρόμοιες εγγραφές:
}
