## Calendar
cal-nav = Lapozás a naptárban
cal-prev = Előző
cal-next = Következő
cal-today = Ma
cal-views = Nézet
cal-view-day = Nap
cal-view-week = Hét
cal-view-month = Hónap
cal-go-to = Dátum
cal-owner = Kinek a naptára
cal-owner-me = Saját
cal-owner-team = Csapat: { $team }
cal-show = Megjelenítés
cal-help = Válasszon egy órát (vagy a hónap egy napját), hogy arra az időpontra találkozót ütemezzen. Találkozó, hívás vagy feladat áthelyezéséhez húzza egy másik idősávba, vagy használja az „Átütemezés” űrlapját.
cal-empty = Ide nincs semmi ütemezve. Találkozó ütemezéséhez válasszon egy idősávot.
cal-day-empty = Nincs ütemezett esemény.
cal-truncated = Ebben a nézetben nem fér el minden: a teljes tartalomhoz válasszon rövidebb időszakot (hetet vagy napot).
cal-more = { $count ->
    [one] még { $count }
   *[other] még { $count }
}
cal-slot = Új találkozó: { $date }, { $time }
cal-new-on = Új találkozó: { $date }
cal-new-meeting = Új találkozó
cal-create-meeting = Találkozó létrehozása
cal-reschedule = Átütemezés
cal-reschedule-start = „{ $title }” új kezdési időpontja
cal-reschedule-submit = Áthelyezés
cal-moved = „{ $title }” áthelyezve erre az időpontra: { $when }.
cal-conflict = Valaki más módosította ezt a naptár betöltése után, ezért nem lett áthelyezve. A naptár most a mentett állapotát mutatja.
cal-forbidden = Ezt nem helyezheti át: a szerepköre nem engedi a módosítását. Semmi sem változott.
cal-gone = Ez már nem létezik, vagy nincs megosztva Önnel. Semmi sem változott.
cal-refused = Az áthelyezés elutasítva: { $reason } Semmi sem változott.
cal-bad-view = Érvénytelen „{ $name }” paraméter: értéke day, week vagy month lehet, nem „{ $value }”.
cal-bad-date = Érvénytelen „{ $name }” paraméter: év-hónap-nap formátumú dátumnak kell lennie, például 2026-03-02, nem „{ $value }”.
cal-bad-owner = Érvénytelen „{ $name }” paraméter: értéke me, egy felhasználó azonosítója, vagy team: és egy csapat azonosítója lehet; „{ $value }” egyik sem ezek közül.
cal-bad-start = Érvénytelen „{ $name }” paraméter: dátumnak és időpontnak kell lennie, például 2026-03-02T09:00, nem „{ $value }”.
cal-bad-start-field = „{ $value }” nem dátum és időpont. Semmi sem változott.
cal-title-week = { $from } – { $to }
