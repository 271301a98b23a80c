## The record page: its head, its timeline and durations.

record-key-facts = Βασικά στοιχεία
record-action-tel = Κλήση
record-action-whatsapp = WhatsApp
record-action-mailto = Email
record-more-actions = Περισσότερα
record-next = Επόμενο:
record-overdue = Εκπρόθεσμο
record-related = Σχετικές εγγραφές
record-no-details = Δεν υπάρχουν ακόμη στοιχεία.
record-show-all-fields = { $count ->
    [one] Όλα τα πεδία ({ $count } κενό)
   *[other] Όλα τα πεδία ({ $count } κενά)
}

timeline-all = Όλα
timeline-changes = Αλλαγές
timeline-filter = Εμφάνιση στο χρονολόγιο
timeline-upcoming = Επερχόμενα
timeline-history = Ιστορικό
timeline-history-empty = Δεν έχει γίνει τίποτα ακόμη εδώ.
timeline-filtered-empty = Τίποτα αυτού του είδους ακόμη.
timeline-change-to = άλλαξε σε

duration-seconds = { $seconds } δευτ.
duration-minutes = { $minutes } λεπ.
duration-hours = { $hours } ώρ.
duration-hours-minutes = { $hours } { $minutes }
duration-input-label = { $label } (λεπτά)
duration-unreadable = Γράψτε λεπτά (90), ώρες και λεπτά (1:30) ή με μονάδες (1ώ 30λ).
duration-too-long = Το πολύ 10.000 ώρες.
