## Kanban board
kanban-title = { $object }: tábla
kanban-list-view = Listanézet
kanban-by = Oszlopok alapja
kanban-help = Húzza a kártyát egy másik oszlopba (érintőképernyőn előbb tartsa rajta az ujját), vagy jelölje ki a kártyát, és nyomja meg a ← vagy a → billentyűt, vagy válasszon oszlopot az „Áthelyezés ide” menüben.
kanban-move-to = Áthelyezés ide
kanban-no-value = Nincs érték
kanban-count = { $count ->
    [one] { $count } rekord
   *[other] { $count } rekord
}
kanban-more = { $count ->
    [one] még { $count } a listában
   *[other] még { $count } a listában
}
kanban-column-empty = Itt nincs semmi.
kanban-no-match = Egy rekord sem felel meg ennek a keresésnek vagy szűrőnek. A teljes tábla megtekintéséhez törölje a keresést vagy a szűrőt.
kanban-no-field = { $object }: nincs választás típusú mező, amelyből tábla készülhetne. Egy rendszergazda a Beállításokban hozzáadhat választás típusú mezőt.
kanban-unknown-by = { $object }: „{ $by }” nem választás típusú mező. Tábla a következők alapján készíthető: { $fields }.
kanban-unknown-pipeline = Nincs „{ $group }” nevű értékesítési folyamat. Válasszon a következők közül: { $groups }.
kanban-no-pipelines = Még nincs értékesítési folyamat. Egy rendszergazda a Beállításokban létrehozhat egyet a szakaszaival együtt.
kanban-no-stages = Ennek az értékesítési folyamatnak még nincsenek szakaszai. Egy rendszergazda a Beállításokban hozzáadhatja őket.
kanban-no-options = Ennek a mezőnek még nincsenek opciói: „{ $field }”. Egy rendszergazda a Beállításokban hozzáadhatja őket.
kanban-unknown-column = Ennek a táblának nincs ilyen oszlopa: „{ $value }”. Semmi sem változott.
kanban-moved = „{ $record }” áthelyezve ide: { $column }.
kanban-conflict = Valaki más módosította ezt a rekordot a tábla betöltése után, ezért nem lett áthelyezve. A tábla most a mentett állapotát mutatja.
kanban-forbidden = Ezt a rekordot nem helyezheti át: a szerepköre nem engedi a módosítását. Semmi sem változott.
kanban-gone = Ez a rekord már nem létezik, vagy nincs megosztva Önnel. Semmi sem változott.
kanban-refused = Az áthelyezés elutasítva: { $reason } Semmi sem változott.
kanban-column = Oszlop
kanban-move = Áthelyezés
kanban-empty = { $object }: itt még nincs semmi. Hozza létre az elsőt, és megjelenik a megfelelő oszlopban.
kanban-owner = Felelős
kanban-days = { $days ->
    [0] Ma óta
   *[other] { $days } napja itt
}
kanban-days-title = { $days ->
    [0] Ma került ebbe az oszlopba
   *[other] { $days } napja van ebben az oszlopban
}
kanban-rotting = Elakadt
kanban-rotting-why = több mint { $days } napja nem mozdult
kanban-column-rotting = { $count } elakadt
kanban-next = Következő teendő
kanban-today-at = Ma, { $time }
kanban-overdue = lejárt
kanban-no-activity = Nincs tervezett teendő
## A tábla által vezetett mezők
# The standard fields the board keeps (English: schema.ftl, made from the model).
std-field-opportunity-stage_entered_at = A szakaszban ekkortól
std-field-stage-rotting_days = Elakad ennyi nap után
kanban-stage-rotting = Elakad ennyi nap után
kanban-stage-rotting-help = Az ennél tovább ebben a szakaszban maradó rekord elakadtként jelenik meg. Hagyja üresen, ha soha.
