## Φόρμες εγγραφών: επιλογή χώρας, σύνοψη λαθών, πρόχειρα
forms-country = Χώρα
forms-error-summary-title = { $count ->
    [one] Δεν αποθηκεύτηκε: ελέγξτε ένα πεδίο
   *[other] Δεν αποθηκεύτηκε: ελέγξτε { $count } πεδία
}
forms-error-summary-general = Δεν αποθηκεύτηκε
forms-draft-restored = Επανήλθαν οι αλλαγές σας που δεν είχαν αποθηκευτεί.
forms-draft-discard = Απόρριψη
