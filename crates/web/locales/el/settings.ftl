## Ρυθμίσεις (διαχειριστές)
settings-title = Ρυθμίσεις
settings-nav = Ενότητες ρυθμίσεων
settings-saved = Αποθηκεύτηκε.
settings-objects = Αντικείμενα και πεδία
settings-objects-hint = Τα είδη εγγραφών που διατηρεί το Rapport και τα πεδία τους: προσθήκη προσαρμοσμένων αντικειμένων και πεδίων, μετονομασία, απόκρυψη και αλλαγή σειράς.
settings-users = Χρήστες
settings-users-hint = Ποιος συνδέεται, με ποιους ρόλους και σε ποιες ομάδες· νέοι χρήστες, κωδικοί μίας χρήσης, απενεργοποίηση.
settings-teams = Ομάδες
settings-teams-hint = Ομάδες χρηστών· ένας ρόλος μπορεί να δίνει στους χρήστες του πρόσβαση στις εγγραφές της ομάδας τους.
settings-roles = Ρόλοι και δικαιώματα
settings-roles-hint = Τι μπορεί να κάνει κάθε ρόλος με κάθε αντικείμενο και ποια πεδία βλέπει.
settings-boards = Ροές πωλήσεων και στάδια
settings-boards-hint = Οι διαδικασίες πωλήσεων από τις οποίες περνούν οι ευκαιρίες πώλησης και τα στάδιά τους.

## Κοινοί όροι
settings-api-name = Όνομα API
settings-api-name-help = Πεζά λατινικά γράμματα, ψηφία και κάτω παύλες, με πρώτο χαρακτήρα γράμμα. Το χρησιμοποιούν προγράμματα, φίλτρα και εισαγωγές.
settings-api-name-suggested = Αν μείνει κενό, θα είναι { $name }.
settings-api-name-rename-help = Η μετονομασία του χαλάει προγράμματα, αποθηκευμένα φίλτρα και εισαγωγές που χρησιμοποιούν το παλιό όνομα.
settings-standard-name-help = Στη γλώσσα σας εμφανίζεται ως «{ $name }». Ένα όνομα που πληκτρολογείτε εδώ το αντικαθιστά σε όλες τις γλώσσες.
settings-api-name-standard = Οι ενσωματωμένοι κανόνες του Rapport χρησιμοποιούν αυτό το όνομα, οπότε δεν μπορεί να αλλάξει.
settings-api-name-taken = Υπάρχει ήδη άλλο αντικείμενο με αυτό το όνομα API.
settings-field-api-name-taken = Υπάρχει ήδη άλλο πεδίο αυτού του αντικειμένου με αυτό το όνομα API.
settings-kind = Είδος
settings-standard = Τυπικό
settings-custom = Προσαρμοσμένο
settings-hidden = Κρυφό
settings-hide = Απόκρυψη
settings-unhide = Επανεμφάνιση
settings-hide-named = Απόκρυψη: { $name }
settings-unhide-named = Επανεμφάνιση: { $name }
settings-move-up = Πάνω
settings-move-down = Κάτω
settings-move-up-named = Μετακίνηση προς τα πάνω: { $name }
settings-move-down-named = Μετακίνηση προς τα κάτω: { $name }
settings-remove = Αφαίρεση
settings-actions = Ενέργειες
settings-status = Κατάσταση
settings-not-a-number = Εισαγάγετε έναν ακέραιο αριθμό.
settings-last-admin = Το Rapport χρειάζεται τουλάχιστον έναν ενεργό διαχειριστή και με αυτή την αλλαγή δεν θα έμενε κανένας. Ορίστε πρώτα κάποιον άλλον ως διαχειριστή.

## Αντικείμενα
settings-objects-all = Όλα τα αντικείμενα
settings-object = Αντικείμενο
settings-field-count = Πεδία
settings-object-new = Νέο προσαρμοσμένο αντικείμενο
settings-object-label = Όνομα μίας εγγραφής
settings-object-label-help = Για παράδειγμα «Έργο»· το όνομα στον πληθυντικό ακολουθεί.
settings-object-label-plural = Όνομα πολλών εγγραφών
settings-object-create = Δημιουργία αντικειμένου
settings-object-name-field = Όνομα
settings-object-names = Ονόματα
settings-object-open = Άνοιγμα της λίστας
settings-object-hide = Απόκρυψη αυτού του αντικειμένου
settings-object-unhide = Επανεμφάνιση αυτού του αντικειμένου
settings-object-hide-confirm = Απόκρυψη αυτού του αντικειμένου; Οι εγγραφές του παραμένουν, αλλά μόνο οι διαχειριστές έχουν πρόσβαση σε αυτές μέχρι να εμφανιστεί ξανά.
settings-object-hide-help = Ένα κρυφό αντικείμενο διατηρεί τις εγγραφές του· μόνο οι διαχειριστές έχουν πρόσβαση σε αυτές.
settings-fields = Πεδία
settings-field-add = Προσθήκη πεδίου
settings-field-added = Το πεδίο προστέθηκε. Υπάρχει πλέον σε φόρμες, λίστες, φίλτρα και στο API.
settings-field-label = Ετικέτα
settings-type = Τύπος
settings-flags = Ιδιότητες
settings-section = Ενότητα
settings-section-help = Η επικεφαλίδα κάτω από την οποία εμφανίζεται το πεδίο στις σελίδες εγγραφών. Επιλέξτε μία ή πληκτρολογήστε νέα· αν μείνει κενό, σημαίνει «Λεπτομέρειες».
settings-flag-required = Υποχρεωτικό
settings-flag-unique = Μοναδικό
settings-flag-indexed = Ταξινομήσιμο
settings-flag-searchable = Αναζητήσιμο
settings-flag-read-only = Ορίζεται από το Rapport
settings-flag-indexed-long = Ταξινομήσιμο (οι λίστες μπορούν να ταξινομούνται και να σελιδοποιούνται με βάση αυτό)
settings-flag-unique-long = Μοναδικό (δύο εγγραφές δεν μπορούν να έχουν την ίδια τιμή)
settings-flag-searchable-long = Αναζητήσιμο (εντοπίζεται από την αναζήτηση)
settings-field-hide-confirm = Απόκρυψη αυτού του πεδίου; Οι τιμές του παραμένουν, αλλά δεν εμφανίζεται ούτε αλλάζει μέχρι να εμφανιστεί ξανά.
settings-label-field-stays = Αυτό το πεδίο δίνει το όνομα στις εγγραφές, οπότε παραμένει ορατό.

## Τύποι πεδίων
settings-type-text = Κείμενο
settings-type-long-text = Μεγάλο κείμενο
settings-type-integer = Ακέραιος αριθμός
settings-type-decimal = Δεκαδικός αριθμός
settings-type-currency = Χρηματικό ποσό
settings-type-percent = Ποσοστό
settings-type-boolean = Ναι ή όχι
settings-type-date = Ημερομηνία
settings-type-datetime = Ημερομηνία και ώρα
settings-type-select = Επιλογή
settings-type-multi-select = Πολλαπλή επιλογή
settings-type-email = Ηλ. ταχυδρομείο
settings-type-phone = Τηλέφωνο
settings-type-url = Διεύθυνση ιστού
settings-type-social = Προφίλ κοινωνικών δικτύων
settings-type-address = Διεύθυνση
settings-type-full-name = Ονοματεπώνυμο
settings-type-rating = Βαθμολογία
settings-type-relation = Σύνδεση με εγγραφή
settings-type-attachment = Αρχείο
settings-type-json = Δομημένα δεδομένα (JSON)
settings-type-formula = Τύπος υπολογισμού
settings-type-rollup = Συγκεντρωτική τιμή
settings-type-unknown = Επιλέξτε έναν από τους τύπους.
settings-detail-max-length = { $max ->
    [one] έως { $max } χαρακτήρα
   *[other] έως { $max } χαρακτήρες
}
settings-detail-range = από { $min } έως { $max }
settings-detail-decimal = { $precision ->
    [one] { $precision } ψηφίο, { $scale } μετά την υποδιαστολή
   *[other] { $precision } ψηφία, { $scale } μετά την υποδιαστολή
}
settings-detail-scale = { $scale ->
    [one] { $scale } ψηφίο μετά την υποδιαστολή
   *[other] { $scale } ψηφία μετά την υποδιαστολή
}
settings-detail-multiple = πολλαπλές τιμές
settings-detail-rating = με μέγιστο το { $max }

## Νέο πεδίο
settings-field-new-title = Νέο πεδίο στο αντικείμενο «{ $object }»
settings-field-create = Προσθήκη πεδίου
settings-max-length = Μέγιστο μήκος κειμένου (χαρακτήρες)
settings-min = Ελάχιστη τιμή
settings-max = Μέγιστη τιμή
settings-min-above-max = Η μέγιστη τιμή δεν πρέπει να είναι μικρότερη από την ελάχιστη.
settings-precision = Συνολικά ψηφία
settings-scale = Ψηφία μετά την υποδιαστολή
settings-rating-max = Μέγιστη βαθμολογία
settings-multiple = Πολλαπλές τιμές
settings-multiple-help = Κάθε μία από τις πολλαπλές τιμές παίρνει ετικέτα και μπορεί να οριστεί ως κύρια.
settings-target = Σύνδεση με
settings-choose-target = Επιλέξτε το αντικείμενο με το οποίο συνδέεται το πεδίο.
settings-options = Επιλογές
settings-options-help = Η ετικέτα είναι αυτό που βλέπουν οι χρήστες· η τιμή αποθηκεύεται και χρησιμοποιείται από προγράμματα. Μια κενή τιμή δημιουργείται από την ετικέτα.
settings-option-label = Ετικέτα επιλογής { $n }
settings-option-value = Τιμή επιλογής { $n }
settings-option-up = Μετακίνηση της επιλογής { $n } προς τα πάνω
settings-option-down = Μετακίνηση της επιλογής { $n } προς τα κάτω
settings-option-remove = Αφαίρεση της επιλογής { $n }
settings-option-add = Προσθήκη επιλογής
settings-options-needed = Προσθέστε τουλάχιστον μία επιλογή.
settings-option-duplicate = Υπάρχει ήδη άλλη επιλογή με αυτή την τιμή.
settings-options-save = Αποθήκευση επιλογών

## Πεδίο
settings-field-edit = Ετικέτα και θέση
settings-field-about = Τι περιέχει
settings-field-fixed-help = Ο τύπος και οι ιδιότητες ενός πεδίου δεν αλλάζουν αφού αποκτήσει δεδομένα: δημιουργήστε νέο πεδίο για να τα αλλάξετε.

## Χρήστες
settings-users-all = Όλοι οι χρήστες
settings-user-name = Όνομα
settings-user-email = Διεύθυνση ηλ. ταχυδρομείου
settings-user-roles = Ρόλοι
settings-active = Ενεργός
settings-inactive = Απενεργοποιημένος
settings-must-change = Κωδικός μίας χρήσης
settings-user-new = Προσθήκη χρήστη
settings-user-new-help = Το Rapport δημιουργεί έναν κωδικό μίας χρήσης για να τον παραδώσετε· ο χρήστης επιλέγει τον δικό του στην πρώτη σύνδεση.
settings-user-create = Προσθήκη χρήστη
settings-user-created = Ο χρήστης προστέθηκε.
settings-email-taken = Υπάρχει ήδη άλλος χρήστης με αυτό το email.
settings-user-profile = Προφίλ
settings-user-access = Ρόλοι και ομάδες
settings-user-account = Λογαριασμός
settings-user-is-active = Αυτός ο χρήστης μπορεί να συνδεθεί.
settings-user-is-inactive = Αυτός ο χρήστης είναι απενεργοποιημένος και δεν μπορεί να συνδεθεί.
settings-one-time-title = Κωδικός μίας χρήσης
settings-one-time-hint = Δώστε αυτόν τον κωδικό στον χρήστη { $email } αυτοπροσώπως ή μέσω άλλου καναλιού εκτός από email. Στην πρώτη σύνδεση θα πρέπει να επιλέξει τον δικό του κωδικό πρόσβασης.
settings-one-time-once = Εμφανίζεται μόνο τώρα: δεν μπορεί να εμφανιστεί ξανά, μόνο να αντικατασταθεί από νέο.
settings-password-reset = Έκδοση νέου κωδικού μίας χρήσης
settings-password-reset-confirm = Αντικατάσταση του κωδικού πρόσβασης αυτού του χρήστη με νέο κωδικό μίας χρήσης; Οι συνεδρίες του θα τερματιστούν.
settings-password-reset-done = Δημιουργήθηκε νέος κωδικός μίας χρήσης· οι συνεδρίες του χρήστη τερματίστηκαν.
settings-deactivate = Απενεργοποίηση
settings-deactivate-confirm = Απενεργοποίηση αυτού του χρήστη; Θα αποσυνδεθεί και δεν θα μπορεί να συνδεθεί μέχρι να ενεργοποιηθεί ξανά. Οι εγγραφές του παραμένουν.
settings-deactivate-self-confirm = Απενεργοποίηση του δικού σας λογαριασμού; Θα αποσυνδεθείτε.
settings-reactivate = Επανενεργοποίηση
settings-deactivate-help = Ένας απενεργοποιημένος χρήστης διατηρεί τις εγγραφές και το ιστορικό του.

## Ομάδες
settings-teams-all = Όλες οι ομάδες
settings-teams-empty = Δεν υπάρχουν ακόμη ομάδες.
settings-teams-none = Δεν υπάρχουν ακόμη ομάδες.
settings-teams-manage = Διαχείριση ομάδων
settings-team-name = Όνομα ομάδας
settings-team-members = Μέλη
settings-team-new = Νέα ομάδα
settings-team-create = Δημιουργία ομάδας
settings-team-taken = Υπάρχει ήδη άλλη ομάδα με αυτό το όνομα.

## Ρόλοι
settings-role-new = Νέος ρόλος
settings-role-name = Όνομα ρόλου
settings-role-admin-short = Διαχειριστής
settings-role-holders = Χρήστες
settings-role-holders-count = { $count ->
    [0] Κανένας χρήστης δεν έχει αυτόν τον ρόλο.
    [one] Ένας χρήστης έχει αυτόν τον ρόλο.
   *[other] { $count } χρήστες έχουν αυτόν τον ρόλο.
}
settings-role-create = Δημιουργία ρόλου
settings-role-taken = Υπάρχει ήδη άλλος ρόλος με αυτό το όνομα.
settings-role-about = Ρόλος
settings-role-standard-help = Τυπικός ρόλος: ένα σημείο εκκίνησης που μπορείτε να αλλάξετε.
settings-role-admin = Διαχειριστής
settings-role-admin-help = Οι διαχειριστές έχουν πρόσβαση σε κάθε εγγραφή και πεδίο και διαχειρίζονται τις ρυθμίσεις, ό,τι κι αν ορίζουν οι παρακάτω κανόνες.
settings-role-objects = Εγγραφές
settings-role-objects-help = Σε ποιες εγγραφές ισχύει κάθε ενέργεια: σε καμία, στις εγγραφές του ίδιου του χρήστη, στις εγγραφές της ομάδας του (και στις δικές του) ή σε όλες.
settings-role-other-objects = Άλλα αντικείμενα (και νέα)
settings-role-cell = { $object }: { $action }
settings-role-fields = Πεδία
settings-role-fields-help = Τα κρυφά πεδία δεν εμφανίζονται, δεν αναζητούνται και δεν εξάγονται· τα πεδία μόνο ανάγνωσης εμφανίζονται αλλά δεν αλλάζουν.
settings-role-limited = { $count ->
    [one] ένα πεδίο με περιορισμό
   *[other] { $count } πεδία με περιορισμό
}
settings-access = Πρόσβαση
settings-action-create = Δημιουργία
settings-action-read = Ανάγνωση
settings-action-edit = Επεξεργασία
settings-action-delete = Διαγραφή
settings-action-export = Εξαγωγή
settings-reach-none = Καμία
settings-reach-own = Δικές του
settings-reach-team = Της ομάδας
settings-reach-all = Όλες
settings-access-hidden = Κρυφό
settings-access-read-only = Μόνο ανάγνωση
settings-access-read-write = Ανάγνωση και εγγραφή
settings-role-administrator = Διαχειριστής
settings-role-sales-manager = Διευθυντής πωλήσεων
settings-role-sales-rep = Πωλητής
settings-role-service-agent = Εκπρόσωπος εξυπηρέτησης
settings-role-marketing = Μάρκετινγκ
settings-role-read-only = Μόνο ανάγνωση

## Ροές πωλήσεων
settings-pipelines-all = Όλες οι ροές πωλήσεων
settings-pipelines-empty = Δεν υπάρχουν ακόμη ροές πωλήσεων. Οι ευκαιρίες πώλησης χρειάζονται μία.
settings-pipeline-default = Προεπιλογή
settings-pipeline-make-default = Ορισμός ως προεπιλογής
settings-pipeline-make-default-named = Ορισμός της ροής { $name } ως προεπιλογής
settings-pipeline-new = Νέα ροή πωλήσεων
settings-pipeline-name = Όνομα ροής πωλήσεων
settings-pipeline-create = Δημιουργία ροής πωλήσεων
settings-pipeline-rename = Μετονομασία
settings-pipeline-taken = Υπάρχει ήδη άλλη ροή πωλήσεων με αυτό το όνομα.
settings-stage-count = { $count ->
    [0] κανένα στάδιο
    [one] ένα στάδιο
   *[other] { $count } στάδια
}
settings-stages = Στάδια
settings-stages-empty = Δεν υπάρχουν ακόμη στάδια.
settings-stage-new = Νέο στάδιο
settings-stage-add = Προσθήκη σταδίου
settings-stage-name = Όνομα σταδίου
settings-stage-probability = Πιθανότητα (%)
settings-stage-kind = Είδος
settings-stage-save-named = Αποθήκευση: { $name }
settings-stage-kind-open = Ανοιχτό
settings-stage-kind-won = Κερδισμένο
settings-stage-kind-lost = Χαμένο

## An object's behaviour
settings-behaviour = Συμπεριφορά
settings-behaviour-hint = Πού εμφανίζεται το αντικείμενο και τι κάνει: πλοήγηση, αναζήτηση, ημερολόγιο, πίνακας, γρήγορες ενέργειες.
settings-behaviour-nothing = Τίποτα ιδιαίτερο: εμφανίζεται στο «Περισσότερα».
settings-behaviour-change = Αλλαγή συμπεριφοράς
settings-behaviour-has-nav = Στη γραμμή πλοήγησης
settings-behaviour-has-calendar = Στο ημερολόγιο
settings-behaviour-has-board = Πίνακας
settings-behaviour-has-quick = Γρήγορη ενέργεια
settings-behaviour-has-stages = Στήλες πινάκων (στάδια)
settings-behaviour-has-home = Λίστες στην Αρχική
settings-behaviour-has-files = Κρατά αρχεία
settings-behaviour-title = Συμπεριφορά: «{ $object }»
settings-behaviour-help = Ό,τι ορίζετε εδώ ισχύει αμέσως για όλους, χωρίς κώδικα. Τα πεδία επιλέγονται ανάμεσα στα πεδία του αντικειμένου.
settings-behaviour-nav = Πλοήγηση και αναζήτηση
settings-behaviour-nav-group = Θέση στην πλοήγηση
settings-behaviour-nav-main = Στη γραμμή
settings-behaviour-nav-more = Στο «Περισσότερα»
settings-behaviour-nav-rank = Σειρά στην πλοήγηση
settings-behaviour-nav-rank-help = Οι μικρότεροι αριθμοί έρχονται πρώτοι· αν μείνει κενό, μπαίνει μετά τα άλλα στη γραμμή.
settings-behaviour-rank-help = Οι μικρότεροι αριθμοί έρχονται πρώτοι.
settings-behaviour-search-rank = Σειρά στα αποτελέσματα αναζήτησης
settings-behaviour-search-rank-help = Οι μικρότεροι αριθμοί αναζητούνται και εμφανίζονται πρώτοι· τα αντικείμενα χωρίς αριθμό ακολουθούν, κατά όνομα.
settings-behaviour-calendar = Ημερολόγιο
settings-behaviour-calendar-on = Οι εγγραφές του εμφανίζονται στο ημερολόγιο
settings-behaviour-calendar-needs-datetime = Προσθέστε πρώτα ένα πεδίο ημερομηνίας και ώρας σε αυτό το αντικείμενο.
settings-behaviour-calendar-start = Αρχίζει
settings-behaviour-calendar-end = Τελειώνει
settings-behaviour-calendar-duration = Διάρκεια (δευτερόλεπτα)
settings-behaviour-calendar-duration-help = Ένα πεδίο ακέραιου αριθμού με τη διάρκεια σε δευτερόλεπτα. Χωρίς τέλος ή διάρκεια, η εγγραφή είναι μια στιγμή, όπως μια προθεσμία.
settings-behaviour-calendar-schedule = Ένα ελεύθερο διάστημα στο ημερολόγιο δημιουργεί μία
settings-behaviour-calendar-schedule-help = Χρειάζεται τέλος ή διάρκεια. Δημιουργείται εγγραφή του πρώτου τέτοιου αντικειμένου κατά τη σειρά της πλοήγησης.
settings-behaviour-none = Κανένα
settings-behaviour-board = Πίνακας
settings-behaviour-board-on = Πίνακας με τις εγγραφές του
settings-behaviour-board-needs-field = Ένας πίνακας έχει μία στήλη για κάθε επιλογή: προσθέστε πρώτα ένα πεδίο επιλογής.
settings-behaviour-board-default = Στήλες κατά
settings-behaviour-board-first = Το πρώτο πεδίο επιλογής
settings-behaviour-board-sum = Σύνολο κάθε στήλης
settings-behaviour-board-home = Οι ανοιχτές εγγραφές κάθε χρήστη ανά στήλη στην Αρχική
settings-behaviour-quick = Γρήγορη ενέργεια
settings-behaviour-quick-help = Η σελίδα μιας εγγραφής προσφέρει να δημιουργηθεί μία, συνδεδεμένη με την εγγραφή.
settings-behaviour-quick-on = Προσφέρεται στις σελίδες εγγραφών
settings-behaviour-quick-rank = Σειρά ανάμεσα στις γρήγορες ενέργειες
settings-behaviour-quick-fields = Πεδία που δείχνει η φόρμα
settings-behaviour-quick-fields-needed = Επιλέξτε τουλάχιστον ένα πεδίο.
settings-behaviour-need-datetime = Επιλέξτε ένα πεδίο ημερομηνίας και ώρας.
settings-behaviour-need-integer = Επιλέξτε ένα πεδίο ακέραιου αριθμού.
settings-behaviour-need-board-field = Επιλέξτε ένα πεδίο επιλογής ή μια σύνδεση με αντικείμενο του οποίου οι εγγραφές είναι στάδια.
settings-behaviour-need-money = Επιλέξτε ένα πεδίο χρηματικού ποσού.
settings-behaviour-need-activity = Μόνο οι δραστηριότητες έχουν γρήγορες ενέργειες.
settings-behaviour-unknown-field = Αυτό το πεδίο δεν υπάρχει στο αντικείμενο ή είναι κρυφό.
settings-behaviour-schedule-needs-end = Για να δημιουργείται από ελεύθερο διάστημα, χρειάζεται τέλος ή διάρκεια.

## The time zone picker (settings' user pages and everyone's profile)
zone-utc = Συντονισμένη Παγκόσμια Ώρα (UTC)
zone-region-utc = Παγκόσμια
zone-region-europe = Ευρώπη
zone-region-asia = Ασία
zone-region-africa = Αφρική
zone-region-america = Αμερική
zone-region-australia = Αυστραλία
zone-region-pacific = Ειρηνικός
zone-region-atlantic = Ατλαντικός
zone-region-indian = Ινδικός Ωκεανός
zone-region-antarctica = Ανταρκτική
zone-region-arctic = Αρκτική
zone-region-other = Άλλη
zone-unknown = Δεν είναι ζώνη ώρας που γνωρίζει το Rapport: επιλέξτε μία από τη λίστα.

## Putting stages in order by dragging or by keys
settings-reorder-help = Σύρετε ένα στάδιο από τη λαβή του για να το μετακινήσετε, ή εστιάστε στη λαβή και πατήστε τα βέλη πάνω και κάτω. Έπειτα αποθηκεύστε τη νέα σειρά.
settings-reorder-handle = Μετακίνηση: «{ $name }»
settings-reorder-moved = Το «{ $name }» είναι τώρα { $place } από { $count }.
settings-reorder-unchanged = Τα στάδια είναι στην αποθηκευμένη σειρά τους.
settings-reorder-changed = Η νέα σειρά δεν έχει αποθηκευτεί ακόμη.
settings-order-save = Αποθήκευση σειράς
settings-order-undo = Αναίρεση
settings-order-saved = Η νέα σειρά αποθηκεύτηκε.
settings-order-stale = Τα στάδια άλλαξαν από τότε που άνοιξε η σελίδα, γι' αυτό η σειρά δεν αποθηκεύτηκε. Εδώ είναι όπως είναι τώρα: μετακινήστε τα ξανά.
