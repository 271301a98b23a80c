## Πλοήγηση και πλαίσιο
nav-skip = Μετάβαση στο περιεχόμενο
nav-home = Αρχική
nav-menu = Μενού
nav-main = Κύρια πλοήγηση
nav-shortcuts = Συντομεύσεις
nav-kanban = Ροή πωλήσεων
nav-calendar = Ημερολόγιο
nav-more = Περισσότερα
nav-settings = Ρυθμίσεις
nav-sign-out = Αποσύνδεση
nav-crumbs = Διαδρομή πλοήγησης

search-label = Αναζήτηση παντού
search-placeholder = Αναζήτηση (Ctrl+K)
search-results = Αποτελέσματα αναζήτησης
search-title = Αναζήτηση
search-submit = Αναζήτηση
search-more = Εμφάνιση όλων
search-nothing = Δεν βρέθηκε τίποτα για «{ $q }».
lookup-none = Καμία αντιστοιχία

## Σφάλματα
error-not-found = Αυτή η σελίδα δεν υπάρχει
error-not-found-hint = Η διεύθυνση μπορεί να είναι λανθασμένη ή η εγγραφή να έχει διαγραφεί ή να μην είναι κοινόχρηστη με εσάς.
error-forbidden = Δεν έχετε πρόσβαση σε αυτό
error-forbidden-hint = Ο ρόλος σας δεν το επιτρέπει. Αν το χρειάζεστε, ένας διαχειριστής μπορεί να αλλάξει τον ρόλο σας.
error-bad-request = Δεν ήταν δυνατή η κατανόηση αυτού του αιτήματος
error-bad-request-hint = Επιστρέψτε και δοκιμάστε ξανά. Αν συνεχίσει να συμβαίνει, ενημερώστε τον διαχειριστή σας.
error-server = Κάτι πήγε στραβά από τη δική μας πλευρά
error-server-hint = Δεν έγινε καμία αλλαγή. Δοκιμάστε ξανά σε λίγο.
error-go-home = Μετάβαση στην Αρχική
error-search = Αναζήτηση
error-toast = Η ενέργεια δεν ολοκληρώθηκε. Δεν έγινε καμία αλλαγή· δοκιμάστε ξανά.
error-offline = Ο διακομιστής δεν είναι προσβάσιμος. Ό,τι έχετε πληκτρολογήσει παραμένει σε αυτή τη σελίδα.

## Σύνδεση και προφίλ
login-title = Σύνδεση στο Rapport
login-email = Διεύθυνση ηλ. ταχυδρομείου
login-password = Κωδικός πρόσβασης
login-submit = Σύνδεση
login-failed = Αυτό το email και ο κωδικός πρόσβασης δεν αντιστοιχούν σε ενεργό λογαριασμό.
login-throttled = Πάρα πολλές προσπάθειες. Περιμένετε λίγα λεπτά πριν δοκιμάσετε ξανά.

profile-title = Το προφίλ σας
profile-must-change = Συνδεθήκατε με κωδικό μίας χρήσης. Επιλέξτε τον δικό σας κωδικό πρόσβασης για να συνεχίσετε.
profile-preferences = Προτιμήσεις
profile-name = Όνομα
profile-locale = Γλώσσα
profile-time-zone = Ζώνη ώρας
profile-password = Κωδικός πρόσβασης
profile-current-password = Τρέχων κωδικός πρόσβασης
profile-new-password = Νέος κωδικός πρόσβασης
profile-password-help = Τουλάχιστον 15 χαρακτήρες. Μια φράση από πολλές λέξεις θυμάται εύκολα και μαντεύεται δύσκολα.
profile-change-password = Αλλαγή κωδικού πρόσβασης

## Ενέργειες
action-save = Αποθήκευση
action-cancel = Ακύρωση
action-edit = Επεξεργασία
action-delete = Διαγραφή
action-close = Κλείσιμο
keys-title = Συντομεύσεις πληκτρολογίου
keys-search = Αναζήτηση παντού
keys-new = Νέα εγγραφή (σε λίστα)
keys-edit = Επεξεργασία (σε εγγραφή)
keys-help = Αυτές οι συντομεύσεις
keys-close = Κλείσιμο αναζήτησης ή αυτού του παραθύρου

## Τιμές
value-yes = Ναι
value-no = Όχι
value-empty = (κενό)
record-not-shared = Δεν είναι κοινόχρηστο μαζί σας
choice-none = —
form-add-another = Προσθήκη κι άλλου
part-first = Όνομα
part-last = Επώνυμο
part-street = Οδός
part-city = Πόλη
part-postcode = Ταχυδρομικός κώδικας
part-region = Περιφέρεια
part-country = Χώρα (κωδικός)
part-amount = Ποσό
part-currency = Νόμισμα

## Σφάλματα πεδίων (ανά κωδικό αιτίας)
field-invalid = Αυτή η τιμή δεν είναι έγκυρη.
field-required = Υποχρεωτικό πεδίο.
field-wrong-type = Η τιμή δεν είναι του σωστού είδους.
field-too-long = Πολύ μεγάλο.
field-too-many = Πάρα πολλά στοιχεία.
field-out-of-range = Εκτός επιτρεπτού εύρους.
field-too-precise = Πάρα πολλά δεκαδικά ψηφία.
field-not-an-email = Δεν είναι διεύθυνση email.
field-not-a-phone = Δεν είναι αριθμός τηλεφώνου.
field-not-a-url = Δεν είναι διεύθυνση ιστού.
field-unknown-currency = Άγνωστος κωδικός νομίσματος.
field-unknown-country = Άγνωστος κωδικός χώρας.
field-unknown-option = Δεν είναι μία από τις επιλογές.
field-not-a-date = Δεν είναι ημερομηνία.
field-not-a-datetime = Δεν είναι ημερομηνία και ώρα.
field-not-a-uuid = Επιλέξτε μια εγγραφή από τη λίστα.
field-read-only = Αυτό το πεδίο δεν μπορεί να αλλάξει.
field-duplicate = Υπάρχει ήδη άλλη εγγραφή με αυτή την τιμή.
field-unknown-subfield = Αυτή η τιμή έχει ένα τμήμα που δεν ανήκει σε αυτήν.
field-invalid-name = Μη έγκυρο όνομα.
field-name-taken = Αυτό το όνομα χρησιμοποιείται ήδη.
field-unknown-record = Η επιλεγμένη εγγραφή δεν υπάρχει ή δεν είναι κοινόχρηστη με εσάς.
field-unknown-field = Άγνωστο πεδίο.
field-unknown-object = Άγνωστο αντικείμενο.
field-in-use = Υπάρχουν ακόμη εγγραφές με την επιλογή «{ $value }», οπότε δεν μπορεί να αφαιρεθεί.
field-invalid-option-value = Οι τιμές επιλογών μπορούν να περιέχουν μόνο γράμματα, ψηφία, _ και - (έως 100 χαρακτήρες).
field-not-a-select = Επιλογές έχουν μόνο τα πεδία επιλογής και πολλαπλής επιλογής.
field-used-by = Το πεδίο χρησιμοποιείται από το { $what } του αντικειμένου: αλλάξτε πρώτα εκείνο.
field-weak = Αυτός ο κωδικός πρόσβασης μαντεύεται πολύ εύκολα.
field-too-short = Πολύ μικρό.
field-breached = Αυτός ο κωδικός πρόσβασης είναι γνωστός από διαρροές δεδομένων· επιλέξτε άλλον.
field-mismatch = Δεν ταιριάζει.

problem-forbidden = Ο ρόλος σας δεν το επιτρέπει.
problem-not-found = Αυτή η εγγραφή δεν υπάρχει ή δεν είναι κοινόχρηστη με εσάς.
problem-version-conflict = Κάποιος αποθήκευσε αυτή την εγγραφή αφού την ανοίξατε.
problem-validation-failed = Ορισμένες τιμές χρειάζονται την προσοχή σας.
problem-invalid-credentials = Ο τρέχων κωδικός πρόσβασης δεν είναι σωστός.
problem-too-many-attempts = Πάρα πολλές προσπάθειες. Περιμένετε λίγα λεπτά πριν δοκιμάσετε ξανά.

## Λίστες
list-new = Νέα εγγραφή
list-search = Αναζήτηση
list-filter = Φίλτρο
list-apply = Εφαρμογή
list-build-filter = Δημιουργία φίλτρου
list-columns = Στήλες
list-columns-legend = Εμφανιζόμενες στήλες
list-column-up = Μετακίνηση της στήλης { $column } προς τα πάνω
list-column-down = Μετακίνηση της στήλης { $column } προς τα κάτω
list-bad-view = Αυτή η προβολή δεν μπορεί να εμφανιστεί:
list-empty = Δημιουργήστε την πρώτη εδώ· θα εμφανίζεται μαζί με ό,τι προσθέτει η ομάδα σας.
list-no-match = Καμία εγγραφή δεν ταιριάζει με αυτή την αναζήτηση ή το φίλτρο.
list-select-all = Επιλογή όλων των εμφανιζόμενων
list-more = Εμφάνιση περισσότερων
bulk-title = Επιλεγμένες εγγραφές
bulk-confirm = Εφαρμογή στις επιλεγμένες εγγραφές;
bulk-confirm-delete = Μετακίνηση των επιλεγμένων εγγραφών στον κάδο ανακύκλωσης;
bulk-reassign = Επανανάθεση
bulk-owner = Νέος υπεύθυνος
bulk-reassign-submit = Επανανάθεση επιλεγμένων
bulk-set = Ορισμός πεδίου
bulk-field = Πεδίο
bulk-set-submit = Ορισμός στις επιλεγμένες
bulk-none-selected = Επιλέξτε πρώτα τουλάχιστον μία εγγραφή.
bulk-too-many = Επιλέξτε έως 500 εγγραφές για κάθε ενέργεια.
bulk-choose-owner = Επιλέξτε τον νέο υπεύθυνο.
bulk-choose-field = Επιλέξτε το πεδίο που θα οριστεί.
bulk-choose-action = Επιλέξτε τι θα γίνει με τις επιλεγμένες εγγραφές.
bulk-selected = { $count ->
    [one] { $count } επιλεγμένη
   *[other] { $count } επιλεγμένες
}
bulk-delete = Διαγραφή επιλεγμένων

## Σελίδα εγγραφής
record-details = Λεπτομέρειες
section-main = Επισκόπηση
section-contact = Στοιχεία επικοινωνίας
section-personal = Προσωπικά στοιχεία
section-sales = Πωλήσεις
record-fields = Πεδία
record-new-title = Νέα εγγραφή: { $object }
record-delete-confirm = Μετακίνηση αυτής της εγγραφής στον κάδο ανακύκλωσης;
record-conflict = Κάποιος άλλος αποθήκευσε αυτή την εγγραφή ενώ την επεξεργαζόσασταν.
cell-conflict = Κάποιος άλλος άλλαξε στο μεταξύ αυτό το πεδίο. Αποθηκεύστε ξανά για να διατηρήσετε τη δική σας τιμή.
cell-conflict-value = Κάποιος άλλος άλλαξε στο μεταξύ αυτό το πεδίο σε «{ $value }». Αποθηκεύστε ξανά για να διατηρήσετε τη δική σας τιμή.
conflict-title = Αλλαγή από άλλον χρήστη
conflict-field = Πεδίο
conflict-theirs = Αποθηκευμένη τώρα
conflict-yours = Δική σας
conflict-help = Κρατήστε τις δικές σας τιμές για να αντικαταστήσετε τις δικές τους ή δεχτείτε τις δικές τους για να απορρίψετε τις αλλαγές σας.
conflict-keep-mine = Διατήρηση των δικών μου και αποθήκευση
conflict-take-theirs = Αποδοχή των δικών τους
related-all = Προβολή όλων
related-new = Προσθήκη
related-empty = Καμία ακόμη.
quick-title = Καταγραφή και προγραμματισμός
quick-calls = Καταγραφή κλήσης
quick-notes = Προσθήκη σημείωσης
quick-tasks = Προγραμματισμός εργασίας
quick-meetings = Προγραμματισμός συνάντησης
quick-attach = Επισύναψη αρχείου
attach-file = Αρχείο
attach-help = Έως 64 MB. Φυλάσσεται μαζί με την εγγραφή και εμφανίζεται στο χρονολόγιό της.
attach-choose-file = Επιλέξτε αρχείο για επισύναψη.
attach-too-large = Το αρχείο είναι πολύ μεγάλο (έως 64 MB).
quick-call-subject = Κλήση
timeline-title = Χρονολόγιο
timeline-empty = Δεν έχει συμβεί τίποτα ακόμη εδώ. Καταγράψτε μια κλήση ή προσθέστε μια σημείωση.
timeline-change = Αλλαγή
timeline-changed = { $field }: { $old } → { $new }
timeline-more = Παλαιότερα
system-owner = Υπεύθυνος
system-team = Ομάδα

## Αρχική
home-title = Αρχική
home-greeting = Γεια σας, { $name }
home-tasks = Εκκρεμείς εργασίες
home-tasks-empty = Δεν υπάρχουν εργασίες για σήμερα. Μπράβο!
home-tasks-link = Όλες οι εργασίες μου
home-meetings = Σημερινές συναντήσεις
home-meetings-empty = Δεν υπάρχουν συναντήσεις σήμερα.
home-calendar = Άνοιγμα ημερολογίου
home-calls = Σημερινές κλήσεις
home-calls-empty = Δεν έχουν καταγραφεί κλήσεις σήμερα.
home-reminders = Υπενθυμίσεις
home-reminders-empty = Δεν υπάρχουν εκκρεμείς υπενθυμίσεις.
home-board-opportunity = Οι ανοιχτές μου ευκαιρίες πώλησης
home-board-opportunity-empty = Δεν έχετε ανοιχτές ευκαιρίες πώλησης.
home-count = Πλήθος
home-amount = Ποσό
home-board-opportunity-link = Άνοιγμα ροής πωλήσεων
home-recent = Πρόσφατες προβολές
home-recent-empty = Οι εγγραφές που ανοίγετε εμφανίζονται εδώ.
home-list-empty = Δεν υπάρχει τίποτα ακόμη.
home-show-all = Εμφάνιση όλων
home-open-board = Άνοιγμα πίνακα

## Δημιουργία φίλτρου
builder-title = Φίλτρο
builder-help = Σε μια ομάδα, οι συνθήκες πρέπει να ισχύουν όλες (όλα τα εξής), οποιαδήποτε από αυτές (οποιοδήποτε από τα εξής) ή καμία (κανένα από τα εξής). Ο τελεστής «είναι (κενό ή όχι)» δέχεται null ή not_null· ο τελεστής «είναι ένα από» δέχεται τιμές χωρισμένες με κόμμα.
builder-group-and = Όλα τα εξής
builder-group-or = Οποιοδήποτε από τα εξής
builder-group-not = Κανένα από τα εξής
builder-switch = Όλα / οποιοδήποτε / κανένα
builder-add = Προσθήκη συνθήκης
builder-add-group = Προσθήκη ομάδας
builder-remove = Αφαίρεση
builder-remove-group = Αφαίρεση αυτής της ομάδας
builder-remove-condition = Αφαίρεση αυτής της συνθήκης
builder-field = Πεδίο
builder-choose-field = Επιλέξτε πεδίο
builder-operator = Τελεστής
builder-value = Τιμή
builder-value-hint = τιμή ή «me» (εγώ)
builder-apply = Εφαρμογή φίλτρου
builder-bad-operator = Επιλέξτε τελεστή.
builder-is-value = Ο τελεστής «είναι (κενό ή όχι)» δέχεται null ή not_null.
builder-too-large = Αυτό το φίλτρο δεν μπορεί να χρησιμοποιηθεί:
builder-bad-list = Γράψτε τις τιμές χωρισμένες με κόμμα· βάλτε σε εισαγωγικά μια τιμή που περιέχει κόμμα ("Παπαδόπουλος, Γιάννης").
op-eq = ισούται με
op-neq = δεν ισούται με
op-gt = είναι μεγαλύτερο από
op-gte = είναι τουλάχιστον
op-lt = είναι μικρότερο από
op-lte = είναι το πολύ
op-in = είναι ένα από
op-nin = δεν είναι κανένα από
op-like = ταιριάζει με το μοτίβο
op-ilike = ταιριάζει με το μοτίβο, χωρίς διάκριση πεζών-κεφαλαίων
op-contains = περιέχει
op-startswith = ξεκινά με
op-is = είναι (κενό ή όχι)

## Αποθηκευμένες προβολές
views-title = Προβολές
views-all = Όλες οι εγγραφές
views-shared = κοινόχρηστη
views-save = Αποθήκευση προβολής
views-name = Όνομα προβολής
views-share = Κοινή χρήση με όλους
views-save-submit = Αποθήκευση
views-update = Ενημέρωση προβολής
views-delete = Διαγραφή προβολής
views-delete-confirm = Διαγραφή αυτής της προβολής; Οι εγγραφές παραμένουν.
view-field-name = Όνομα:
view-field-filter = Φίλτρο:
view-field-sort = Ταξινόμηση:
view-field-columns = Στήλες:
view-field-q = Αναζήτηση:
list-count = { $count ->
    [one] { $shown } εγγραφή
   *[other] { $shown } εγγραφές
}
list-count-about = περίπου { $shown } εγγραφές
list-filter-code = Κώδικας φίλτρου
list-filter-code-help = Η γλώσσα φίλτρων του API, για προχωρημένους: πεδίο[τελεστής]:τιμή, χωρισμένα με κόμματα.
list-filter-active = Ενεργό φίλτρο
list-filter-clear = Καθαρισμός φίλτρου
filter-joiner-and = και
filter-joiner-or = ή
filter-joiner-not = όχι
list-empty-title = Δεν υπάρχουν ακόμη { $objects }
list-show-all = Εμφάνιση όλων των εγγραφών
