## The record page: its head, its timeline and durations.

record-key-facts = Fő adatok
record-action-tel = Hívás
record-action-whatsapp = WhatsApp
record-action-mailto = E-mail
record-more-actions = Továbbiak
record-next = Következő:
record-overdue = Lejárt
record-related = Kapcsolódó rekordok
record-no-details = Még nincsenek adatok.
record-show-all-fields = { $count ->
    [one] Minden mező ({ $count } üres)
   *[other] Minden mező ({ $count } üres)
}

timeline-all = Mind
timeline-changes = Változások
timeline-filter = Megjelenítés az idővonalon
timeline-upcoming = Közelgő
timeline-history = Előzmények
timeline-history-empty = Itt még nem történt semmi.
timeline-filtered-empty = Ilyen még nincs.
timeline-change-to = új értéke

duration-seconds = { $seconds } mp
duration-minutes = { $minutes } perc
duration-hours = { $hours } óra
duration-hours-minutes = { $hours } { $minutes }
duration-input-label = { $label } (perc)
duration-unreadable = Írja be percben (90), óra:percben (1:30) vagy mértékegységgel (1 óra 30 perc).
duration-too-long = Legfeljebb 10 000 óra.
