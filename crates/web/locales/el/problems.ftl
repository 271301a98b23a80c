## Προβλήματα: οι απαντήσεις σφάλματος του API και οι αρνήσεις των σελίδων.

problem-title-400 = Μη έγκυρο αίτημα
problem-title-401 = Απαιτείται σύνδεση
problem-title-403 = Δεν επιτρέπεται
problem-title-404 = Δεν βρέθηκε
problem-title-405 = Η μέθοδος δεν επιτρέπεται
problem-title-409 = Σύγκρουση
problem-title-413 = Πολύ μεγάλο αίτημα
problem-title-415 = Μη υποστηριζόμενος τύπος περιεχομένου
problem-title-422 = Μη επεξεργάσιμο περιεχόμενο
problem-title-428 = Απαιτείται προϋπόθεση
problem-title-429 = Πάρα πολλά αιτήματα
problem-title-500 = Εσωτερικό σφάλμα διακομιστή
problem-title-503 = Η υπηρεσία δεν είναι διαθέσιμη

## Γενικές προτάσεις, για αρνήσεις χωρίς λεπτομέρειες
problem-unknown-field = Δεν υπάρχει τέτοιο πεδίο.
problem-invalid-filter = Το φίλτρο δεν είναι σωστά γραμμένο.
problem-invalid-cursor = Ο δείκτης σελίδας δεν ισχύει για αυτή τη λίστα.
problem-not-sortable = Η λίστα δεν μπορεί να ταξινομηθεί με αυτό το πεδίο.
problem-invalid-operator = Αυτός ο τελεστής δεν εφαρμόζεται στο πεδίο.
problem-invalid-filter-value = Μια τιμή του φίλτρου δεν ταιριάζει στο πεδίο της.
problem-unauthenticated = Συνδεθείτε πρώτα: η συνεδρία ή το διακριτικό λείπει, έχει λήξει ή έχει ανακληθεί.
problem-password-change-required = Αυτός ο λογαριασμός συνδέθηκε με κωδικό πρόσβασης μίας χρήσης: αλλάξτε πρώτα τον κωδικό (POST /api/v1/me/password) και δοκιμάστε ξανά.
problem-unknown-object = Δεν υπάρχει τέτοιο αντικείμενο.
problem-schema-changed = Τα μεταδεδομένα άλλαξαν όσο εκτελούνταν το αίτημα· δοκιμάστε ξανά.
problem-not-empty = Η βάση δεδομένων περιέχει ήδη δεδομένα.
problem-last-administrator = Έτσι δεν θα έμενε κανένας ενεργός διαχειριστής.
problem-file-too-large = Το αρχείο είναι πολύ μεγάλο.
problem-rate-limited = Αυτό το διακριτικό API έκανε πάρα πολλά αιτήματα· δοκιμάστε ξανά σε λίγο.
problem-database-unavailable = Η βάση δεδομένων δεν είναι διαθέσιμη· δοκιμάστε ξανά σε λίγο.
problem-internal-error = Ο διακομιστής δεν μπόρεσε να απαντήσει σε αυτό το αίτημα.
problem-partly-written = Μόνο ένα μέρος των στοιχείων γράφτηκε πριν από την αποτυχία.
problem-database-error = Ο διακομιστής δεν μπόρεσε να απαντήσει σε αυτό το αίτημα.
problem-file-store-failed = Ο διακομιστής δεν μπόρεσε να απαντήσει σε αυτό το αίτημα.
problem-export-failed = Ο διακομιστής δεν μπόρεσε να απαντήσει σε αυτό το αίτημα.
problem-migration-failed = Ο διακομιστής δεν μπόρεσε να απαντήσει σε αυτό το αίτημα.
problem-csrf-failed = Το αίτημα δεν προήλθε από σελίδα αυτού του ιστότοπου ή το διακριτικό CSRF λείπει ή είναι λάθος.
problem-read-only-token = Αυτό το διακριτικό API είναι μόνο για ανάγνωση: δεν μπορεί να αλλάξει τίποτα.
problem-method-not-allowed = Αυτή η διεύθυνση δεν δέχεται αυτή τη μέθοδο.
problem-malformed-json = Το σώμα του αιτήματος δεν είναι έγκυρο JSON.
problem-invalid-body = Το σώμα του αιτήματος δεν έχει τη μορφή που δέχεται αυτή η λειτουργία.
problem-unsupported-media-type = Το σώμα του αιτήματος πρέπει να είναι JSON (Content-Type: application/json).
problem-body-too-large = Το σώμα του αιτήματος είναι πολύ μεγάλο.
problem-unreadable-body = Το σώμα του αιτήματος δεν ήταν δυνατό να διαβαστεί.
problem-version-required = Δηλώστε την έκδοση που διαβάσατε (το πεδίο version ή την κεφαλίδα If-Match).
problem-unknown-relation = Δεν υπάρχει τέτοια λίστα σχετικών εγγραφών.

## Λεπτομέρειες με τα στοιχεία του σφάλματος
detail-validation-failed = { $count ->
    [one] Μη έγκυρη τιμή
   *[other] Μη έγκυρες τιμές
}: { $list }
detail-field = { $field }: { $message }
detail-list-separator = { "· " }
detail-unknown-field = Το αντικείμενο `{ $object }` δεν έχει πεδίο `{ $field }`.
detail-invalid-filter = Το φίλτρο έχει λάθος στον χαρακτήρα { $position }: { $problem }.
detail-invalid-cursor = Ο δείκτης σελίδας δεν ισχύει για αυτή τη λίστα.
detail-not-sortable = Η ταξινόμηση με το πεδίο `{ $field }` δεν είναι δυνατή (δεν έχει ευρετήριο).
detail-invalid-operator = Ο τελεστής `{ $op }` δεν εφαρμόζεται στο πεδίο `{ $field }`.
detail-invalid-filter-value = Πεδίο `{ $field }`: η τιμή `{ $value }` δεν είναι { $expected }.
detail-unauthenticated = Συνδεθείτε πρώτα (η συνεδρία ή το διακριτικό λείπει, έχει λήξει ή έχει ανακληθεί).
detail-invalid-credentials = Το email ή ο κωδικός πρόσβασης είναι λάθος.
detail-forbidden = { $action ->
    [read] Δεν επιτρέπεται να διαβάσετε
    [create] Δεν επιτρέπεται να δημιουργήσετε
    [edit] Δεν επιτρέπεται να επεξεργαστείτε
    [change] Δεν επιτρέπεται να αλλάξετε
    [delete] Δεν επιτρέπεται να διαγράψετε
    [remove] Δεν επιτρέπεται να αφαιρέσετε
    [export] Δεν επιτρέπεται να εξαγάγετε
    [administer] Δεν επιτρέπεται να διαχειριστείτε
   *[other] Δεν επιτρέπεται η ενέργεια «{ $action }» σε
} εγγραφές του αντικειμένου `{ $object }`.
detail-password-change-required = Αυτός ο λογαριασμός συνδέθηκε με κωδικό πρόσβασης μίας χρήσης: αλλάξτε πρώτα τον κωδικό (POST /api/v1/me/password) και δοκιμάστε ξανά.
detail-not-found = Δεν βρέθηκε εγγραφή { $id } του αντικειμένου `{ $object }`.
detail-unknown-object = Άγνωστο αντικείμενο `{ $object }`.
detail-version-conflict = Η εγγραφή { $id } του αντικειμένου `{ $object }` άλλαξε από κάποιον άλλον: διαβάσατε την έκδοση { $expected }, τώρα είναι στην έκδοση { $actual }.
detail-schema-changed = Τα μεταδεδομένα άλλαξαν όσο εκτελούνταν το αίτημα· δοκιμάστε ξανά.
detail-not-empty = Τα δεδομένα επίδειξης φορτώνονται μόνο σε κενή βάση δεδομένων (αυτή περιέχει ήδη { $people ->
    [one] { $people } άτομο
   *[other] { $people } άτομα
}).
detail-last-administrator = Έτσι δεν θα έμενε κανένας ενεργός διαχειριστής.
detail-file-too-large = Το αρχείο είναι μεγαλύτερο από { $max } byte.
detail-too-many-attempts = Πάρα πολλές αποτυχημένες προσπάθειες· δοκιμάστε ξανά σε { $retry_after_secs ->
    [one] { $retry_after_secs } δευτερόλεπτο
   *[other] { $retry_after_secs } δευτερόλεπτα
}.
detail-rate-limited = Αυτό το διακριτικό API έκανε πάρα πολλά αιτήματα· δοκιμάστε ξανά σε { $retry_after_secs } δευτ.
detail-database-unavailable = Η βάση δεδομένων δεν είναι διαθέσιμη· δοκιμάστε ξανά σε λίγο.
detail-internal-error = Ο διακομιστής δεν μπόρεσε να απαντήσει σε αυτό το αίτημα.
detail-partly-written = Γράφτηκαν { $written } από { $total } στοιχεία πριν από αυτή την αποτυχία ({ $cause }).

## Ένα πεδίο που απορρίφθηκε: γιατί, με τις λεπτομέρειες
reason-required = Υποχρεωτικό πεδίο.
reason-wrong-type = Πρέπει να είναι { $expected }.
reason-too-long = Υπερβαίνει { $max ->
    [one] τον { $max } χαρακτήρα
   *[other] τους { $max } χαρακτήρες
}.
reason-too-many = Περισσότερα από { $max } { $max ->
    [one] στοιχείο
   *[other] στοιχεία
}.
reason-too-short = Πολύ μικρός: χρησιμοποιήστε τουλάχιστον { $min } χαρακτήρες (μερικές άσχετες λέξεις μαζί είναι καλή επιλογή).
reason-out-of-range = Πρέπει να είναι από { $min } έως { $max }.
reason-too-precise = Έχει περισσότερα από { $scale ->
    [one] { $scale } δεκαδικό ψηφίο
   *[other] { $scale } δεκαδικά ψηφία
}.
reason-not-an-email = Δεν είναι διεύθυνση email.
reason-not-a-phone = Δεν είναι αριθμός τηλεφώνου.
reason-not-a-url = Δεν είναι διεύθυνση ιστού (http ή https).
reason-unknown-currency = Δεν είναι κωδικός νομίσματος ISO 4217.
reason-unknown-country = Δεν είναι κωδικός χώρας ISO 3166.
reason-unknown-option = Δεν υπάρχει η επιλογή `{ $value }`.
reason-not-a-date = Δεν είναι ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ).
reason-not-a-datetime = Δεν είναι ημερομηνία και ώρα κατά RFC 3339.
reason-not-a-uuid = Δεν είναι αναγνωριστικό εγγραφής (UUID).
reason-read-only = Δεν μπορεί να αλλάξει.
reason-duplicate = Ανήκει ήδη σε άλλη εγγραφή.
reason-unknown-subfield = Δεν έχει τμήμα `{ $name }`.
reason-invalid-name = Πρέπει να αποτελείται από πεζά λατινικά γράμματα, ψηφία και _ και να αρχίζει από γράμμα (έως 48 χαρακτήρες).
reason-name-taken = Χρησιμοποιείται ήδη.
reason-unknown-record = Αναφέρεται σε εγγραφή που δεν υπάρχει.
reason-unknown-field = Δεν υπάρχει σε αυτό το αντικείμενο.
reason-unknown-object = Αναφέρεται σε αντικείμενο `{ $name }` που δεν υπάρχει.
reason-malformed = Δεν μπορεί να χρησιμοποιηθεί: { $detail }
reason-in-use = Η επιλογή `{ $value }` δεν μπορεί να αφαιρεθεί: υπάρχουν ακόμη εγγραφές με αυτήν.
reason-invalid-option-value = Οι τιμές επιλογών μπορούν να περιέχουν μόνο γράμματα, ψηφία, _ και - (έως 100 χαρακτήρες).
reason-not-a-select = Δεν έχει επιλογές: επιλογές έχουν μόνο τα πεδία επιλογής και πολλαπλής επιλογής.
reason-used-by = Χρησιμοποιείται από το `{ $what }` του αντικειμένου: αλλάξτε πρώτα εκείνο.
reason-common-password = Αυτός ο κωδικός πρόσβασης είναι από τους πιο συνηθισμένους· επιλέξτε άλλον.
reason-predictable-password = Αυτός ο κωδικός πρόσβασης είναι ένας επαναλαμβανόμενος χαρακτήρας ή μια απλή ακολουθία· επιλέξτε άλλον.
reason-contains-personal-info = Ο κωδικός πρόσβασης δεν πρέπει να περιέχει το όνομά σας ή το όνομα της διεύθυνσης email σας.
reason-invalid-filter = Λάθος στον χαρακτήρα { $position }: { $problem }.
reason-invalid-order-by = Λάθος στον χαρακτήρα { $position }: { $problem }.

## Αρνήσεις ενός πεδίου χωρίς λεπτομέρειες
field-ambiguous-relation = Εκεί οδηγούν περισσότερες από μία συσχετίσεις: φιλτράρετε το σχετικό αντικείμενο.
field-batch-size = Πάρα πολλά ή πολύ λίγα στοιχεία σε ένα αίτημα.
field-conflicting = Αυτές οι τιμές αντιφάσκουν μεταξύ τους.
field-malformed-query = Η συμβολοσειρά ερωτήματος δεν μπορεί να διαβαστεί.
field-nul-character = Το κείμενο δεν επιτρέπεται να περιέχει χαρακτήρες NUL.
field-invalid-utf8 = Το κείμενο δεν είναι έγκυρο UTF-8.
field-not-a-relation = Δεν είναι πεδίο συσχέτισης.
field-repeated = Δόθηκε περισσότερες από μία φορές.
field-unknown-parameter = Άγνωστη παράμετρος.
field-invalid-credentials = Ο κωδικός πρόσβασης δεν είναι σωστός.

## Τι δεν πάει καλά σε ένα φίλτρο ή μια ταξινόμηση
filter-expected-filter = αναμενόταν φίλτρο όπως `name[eq]:value` ή `and(...)`
filter-expected-end = αναμενόταν το τέλος του φίλτρου
filter-too-large = το φίλτρο είναι πολύ μεγάλο ({ $conditions } συνθήκες, { $values } τιμές· το πολύ { $max_conditions } και { $max_values })
filter-too-deep = το φίλτρο έχει εμφωλευτεί σε περισσότερα από { $max } επίπεδα
filter-unknown-combinator = άγνωστος συνδυαστής `{ $name }`: αναμενόταν and, or ή not
filter-not-takes-one = το `not` δέχεται ακριβώς ένα φίλτρο
filter-needs-filter = το `{ $name }` χρειάζεται τουλάχιστον ένα φίλτρο
filter-expected-not-close = αναμενόταν `)` μετά το φίλτρο μέσα στο `not(`
filter-expected-comma-or-close = αναμενόταν `,` ή `)`
filter-expected-open-bracket = αναμενόταν `[` μετά το όνομα του πεδίου
filter-expected-close-bracket = αναμενόταν `]` μετά τον τελεστή
filter-expected-colon = αναμενόταν `:` μετά το `]`
filter-expected-path-part = αναμενόταν όνομα πεδίου μετά την `.`
filter-expected-operator = αναμενόταν τελεστής όπως `eq` μετά το `[`
filter-unknown-operator = άγνωστος τελεστής `{ $op }`
filter-needs-list = ο τελεστής `{ $op }` χρειάζεται λίστα όπως [a,b]
filter-one-value = ο τελεστής `{ $op }` δέχεται μία τιμή, όχι λίστα
filter-is-takes-null = ο τελεστής `is` δέχεται null ή not_null
filter-expected-comma-or-list-end = αναμενόταν `,` ή `]` μέσα στη λίστα
filter-expected-value = αναμενόταν τιμή
filter-unknown-escape = άγνωστη ακολουθία διαφυγής `\{ $escape }`: επιτρέπονται μόνο οι \" και \\
filter-unclosed-quote = αναμενόταν `"` για να κλείσουν τα εισαγωγικά που άνοιξαν στον χαρακτήρα { $open }
filter-sort-expected-close = αναμενόταν `]`
filter-not-a-field-name = το `{ $name }` δεν είναι όνομα πεδίου
filter-unknown-direction = άγνωστη κατεύθυνση `{ $direction }`
filter-sorted-twice = η ταξινόμηση με το `{ $name }` δίνεται δύο φορές
filter-too-many-sort-keys = το πολύ { $max } κλειδιά ταξινόμησης

## Τι έπρεπε να είναι μια τιμή
expected-text = κείμενο
expected-text-without-nul-characters = κείμενο χωρίς χαρακτήρες NUL
expected-an-integer = ακέραιος αριθμός
expected-true-or-false = true ή false
expected-an-option = μία επιλογή
expected-a-list-of-options = λίστα επιλογών
expected-a-list = λίστα
expected-a-decimal-number = δεκαδικός αριθμός
expected-an-object-with-amount-and-currency = αντικείμενο με ποσό (amount) και νόμισμα (currency)
expected-a-handle-or-address = όνομα χρήστη ή διεύθυνση
expected-an-object-with-value-label-primary = αντικείμενο με value, label, primary
expected-text-or-an-object = κείμενο ή αντικείμενο
expected-an-object = αντικείμενο
expected-a-unique-field = μοναδικό πεδίο
expected-a-file-name-without-or-control-characters = όνομα αρχείου χωρίς /, \ ή χαρακτήρες ελέγχου
expected-a-date-yyyy-mm-dd = ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ)
expected-a-date-and-time-rfc-3339 = ημερομηνία και ώρα (RFC 3339)
expected-a-number = αριθμός
expected-a-number-in-the-field-s-range = αριθμός μέσα στο εύρος του πεδίου
expected-a-number-with-no-more-decimal-places-than-the-field-keeps = αριθμός με όχι περισσότερα δεκαδικά ψηφία από όσα κρατά το πεδίο
expected-a-record-id-or-me = αναγνωριστικό εγγραφής ή `me`
expected-an-amount-in-range = ποσό μέσα στο επιτρεπτό εύρος
expected-an-amount-with-no-more-decimal-places-than-the-field-keeps = ποσό με όχι περισσότερα δεκαδικά ψηφία από όσα κρατά το πεδίο
expected-one-of-the-field-s-options = μία από τις επιλογές του πεδίου
