## Navigation and frame
nav-skip = Ugrás a tartalomhoz
nav-home = Kezdőlap
nav-menu = Menü
nav-main = Főnavigáció
nav-shortcuts = Gyorsmenü
nav-kanban = Értékesítési folyamat
nav-calendar = Naptár
nav-more = Továbbiak
nav-settings = Beállítások
nav-sign-out = Kijelentkezés
nav-crumbs = Navigációs útvonal

search-label = Keresés mindenben
search-placeholder = Keresés (Ctrl+K)
search-results = Találatok
search-title = Keresés
search-submit = Keresés
search-more = Az összes megjelenítése
search-nothing = Nincs találat erre: „{ $q }”.
lookup-none = Nincs találat

## Errors
error-not-found = Ez az oldal nem létezik
error-not-found-hint = Lehet, hogy elgépelte a címet, vagy a rekordot törölték, illetve nincs megosztva Önnel.
error-forbidden = Ehhez nincs hozzáférése
error-forbidden-hint = A szerepköre ezt nem engedélyezi. Ha szüksége van rá, egy rendszergazda módosíthatja a szerepkörét.
error-bad-request = Ez a kérés nem értelmezhető
error-bad-request-hint = Lépjen vissza, és próbálja újra; ha a hiba továbbra is fennáll, szóljon a rendszergazdának.
error-server = Hiba történt a mi oldalunkon
error-server-hint = Semmi sem változott. Próbálja újra egy kis idő múlva.
error-go-home = Ugrás a kezdőlapra
error-search = Keresés
error-toast = Ez nem sikerült. Semmi sem változott; kérjük, próbálja újra.
error-offline = A szerver nem érhető el. A begépelt szöveg megmarad ezen az oldalon.

## Sign in and profile
login-title = Bejelentkezés a Rapportba
login-email = E-mail-cím
login-password = Jelszó
login-submit = Bejelentkezés
login-failed = Ez az e-mail-cím és jelszó egyetlen aktív fiókhoz sem tartozik.
login-throttled = Túl sok próbálkozás. Várjon néhány percet, mielőtt újra próbálkozik.

profile-title = Saját profil
profile-must-change = Egyszer használatos jelszóval jelentkezett be. A folytatáshoz válasszon saját jelszót.
profile-preferences = Személyes beállítások
profile-name = Név
profile-locale = Nyelv
profile-time-zone = Időzóna
profile-password = Jelszó
profile-current-password = Jelenlegi jelszó
profile-new-password = Új jelszó
profile-password-help = Legalább 15 karakter. A több szóból álló jelmondat könnyen megjegyezhető és nehezen kitalálható.
profile-change-password = Jelszó módosítása

## Actions
action-save = Mentés
action-cancel = Mégse
action-edit = Szerkesztés
action-delete = Törlés
action-close = Bezárás
keys-title = Billentyűparancsok
keys-search = Keresés mindenben
keys-new = Új rekord (listanézetben)
keys-edit = Szerkesztés (rekord oldalán)
keys-help = Ezek a billentyűparancsok
keys-close = A keresés vagy ennek az ablaknak a bezárása

## Values
value-yes = Igen
value-no = Nem
value-empty = (üres)
record-not-shared = Nincs megosztva Önnel
choice-none = —
form-add-another = Újabb hozzáadása
part-first = Keresztnév
part-last = Vezetéknév
part-street = Utca, házszám
part-city = Település
part-postcode = Irányítószám
part-region = Régió
part-country = Ország (kód)
part-amount = Összeg
part-currency = Pénznem

## Field errors (by reason code)
field-invalid = Ez az érték érvénytelen.
field-required = Kötelező.
field-wrong-type = Ez nem megfelelő típusú érték.
field-too-long = Túl hosszú.
field-too-many = Túl sok elem.
field-out-of-range = Az érték kívül esik a megengedett tartományon.
field-too-precise = Túl sok tizedesjegy.
field-not-an-email = Ez nem e-mail-cím.
field-not-a-phone = Ez nem telefonszám.
field-not-a-url = Ez nem webcím.
field-unknown-currency = Ismeretlen pénznemkód.
field-unknown-country = Ismeretlen országkód.
field-unknown-option = Nem szerepel az opciók között.
field-not-a-date = Ez nem dátum.
field-not-a-datetime = Ez nem dátum és időpont.
field-not-a-uuid = Válasszon rekordot a listából.
field-read-only = Ez a mező nem módosítható.
field-duplicate = Egy másik rekordnak már ez az értéke.
field-unknown-subfield = Ennek az értéknek van egy oda nem tartozó része.
field-invalid-name = Érvénytelen név.
field-name-taken = Ez a név már foglalt.
field-unknown-record = A kiválasztott rekord nem létezik, vagy nincs megosztva Önnel.
field-unknown-field = Ismeretlen mező.
field-unknown-object = Ismeretlen objektum.
field-in-use = Egyes rekordoknál még ez az érték szerepel: „{ $value }”, ezért nem távolítható el.
field-invalid-option-value = Az opciók értéke csak betűket, számjegyeket, _ és - karaktert tartalmazhat (legfeljebb 100 karaktert).
field-not-a-select = Opciói csak a választás és a többszörös választás típusú mezőknek vannak.
field-used-by = Az objektum { $what } beállítása használja ezt a mezőt: előbb azt módosítsa.
field-weak = Ez a jelszó túl könnyen kitalálható.
field-too-short = Túl rövid.
field-breached = Ez a jelszó adatszivárgásokból ismert; válasszon másikat.
field-mismatch = Ez nem egyezik.

problem-forbidden = A szerepköre ezt nem engedélyezi.
problem-not-found = Ez a rekord nem létezik, vagy nincs megosztva Önnel.
problem-version-conflict = Valaki mentette ezt a rekordot, miután Ön megnyitotta.
problem-validation-failed = Néhány értéket ellenőriznie kell.
problem-invalid-credentials = A jelenlegi jelszó nem helyes.
problem-too-many-attempts = Túl sok próbálkozás. Várjon néhány percet, mielőtt újra próbálkozik.

## Lists
list-new = Új
list-search = Keresés
list-filter = Szűrő
list-apply = Alkalmazás
list-build-filter = Szűrőszerkesztő
list-columns = Oszlopok
list-columns-legend = Megjelenített oszlopok
list-column-up = { $column } oszlop mozgatása feljebb
list-column-down = { $column } oszlop mozgatása lejjebb
list-bad-view = Ez a nézet nem jeleníthető meg:
list-empty = Hozza létre itt az elsőt, és a csapata által hozzáadottakkal együtt jelenik meg.
list-no-match = Egy rekord sem felel meg ennek a keresésnek vagy szűrőnek.
list-select-all = Az összes megjelenített kijelölése
list-more = Továbbiak megjelenítése
bulk-title = Kijelölt rekordok
bulk-confirm = Alkalmazza ezt a kijelölt rekordokra?
bulk-confirm-delete = Áthelyezi a kijelölt rekordokat a lomtárba?
bulk-reassign = Átruházás
bulk-owner = Új tulajdonos
bulk-reassign-submit = A kijelöltek átruházása
bulk-set = Mező beállítása
bulk-field = Mező
bulk-set-submit = Beállítás a kijelölteken
bulk-none-selected = Előbb jelöljön ki legalább egy rekordot.
bulk-too-many = Egy művelethez legfeljebb 500 rekordot jelöljön ki.
bulk-choose-owner = Válassza ki az új tulajdonost.
bulk-choose-field = Válassza ki a beállítandó mezőt.
bulk-choose-action = Válassza ki, mi történjen a kijelölt rekordokkal.
bulk-selected = { $count ->
    [one] { $count } kijelölve
   *[other] { $count } kijelölve
}
bulk-delete = A kijelöltek törlése

## Record page
record-details = Részletek
section-main = Áttekintés
section-contact = Elérhetőség
section-personal = Személyes adatok
section-sales = Értékesítés
record-fields = Mezők
record-new-title = Új { $object }
record-delete-confirm = Áthelyezi ezt a rekordot a lomtárba?
record-conflict = Valaki más mentette ezt a rekordot, miközben Ön szerkesztette.
cell-conflict = Közben valaki más módosította ezt a mezőt. A saját értéke megtartásához mentsen újra.
cell-conflict-value = Közben valaki más erre módosította ezt a mezőt: „{ $value }”. A saját értéke megtartásához mentsen újra.
conflict-title = Valaki más módosította
conflict-field = Mező
conflict-theirs = Most mentett
conflict-yours = Az Öné
conflict-help = Tartsa meg a saját értékeit, ha felül szeretné írni a másik változatot, vagy fogadja el a másik változatot, ha el szeretné vetni a saját módosításait.
conflict-keep-mine = A saját változat megtartása és mentése
conflict-take-theirs = A másik változat elfogadása
related-all = Az összes megtekintése
related-new = Hozzáadás
related-empty = Még nincs ilyen.
quick-title = Rögzítés és ütemezés
quick-calls = Hívás rögzítése
quick-notes = Jegyzet hozzáadása
quick-tasks = Feladat ütemezése
quick-meetings = Találkozó ütemezése
quick-attach = Fájl csatolása
attach-file = Fájl
attach-help = Legfeljebb 64 MB. A rekorddal együtt tárolódik, és megjelenik az idővonalán.
attach-choose-file = Válassza ki a csatolandó fájlt.
attach-too-large = A fájl túl nagy (legfeljebb 64 MB).
quick-call-subject = Hívás
timeline-title = Idővonal
timeline-empty = Itt még nem történt semmi. Rögzítsen egy hívást, vagy adjon hozzá egy jegyzetet.
timeline-change = Módosítás
timeline-changed = { $field }: { $old } → { $new }
timeline-more = Korábbiak
system-owner = Tulajdonos
system-team = Csapat

## Home
home-title = Kezdőlap
home-greeting = Üdvözöljük, { $name }!
home-tasks = Esedékes feladatok
home-tasks-empty = Ma nincs esedékes feladat. Szép munka!
home-tasks-link = Összes feladatom
home-meetings = Mai találkozók
home-meetings-empty = Ma nincs találkozó.
home-calendar = Naptár megnyitása
home-calls = Mai hívások
home-calls-empty = Ma még nem rögzítettek hívást.
home-reminders = Emlékeztetők
home-reminders-empty = Nincs esedékes emlékeztető.
home-board-opportunity = Nyitott értékesítési lehetőségeim
home-board-opportunity-empty = Nincs nyitott értékesítési lehetősége.
home-count = Darabszám
home-amount = Összeg
home-board-opportunity-link = Értékesítési folyamat megnyitása
home-recent = Legutóbb megtekintett
home-recent-empty = A megnyitott rekordok itt jelennek meg.
home-list-empty = Még nincs itt semmi.
home-show-all = Az összes megjelenítése
home-open-board = Tábla megnyitása

## Filter builder
builder-title = Szűrő
builder-help = Egy csoportban vagy minden feltételnek teljesülnie kell (mindegyik), vagy legalább egynek (bármelyik), vagy egynek sem (egyik sem). Az „üres vagy nem üres” értéke null vagy not_null lehet; „a következők egyike” vesszővel elválasztott értékeket vár.
builder-group-and = Mindegyik
builder-group-or = Bármelyik
builder-group-not = Egyik sem
builder-switch = Mindegyik / bármelyik / egyik sem
builder-add = Feltétel hozzáadása
builder-add-group = Csoport hozzáadása
builder-remove = Eltávolítás
builder-remove-group = A csoport eltávolítása
builder-remove-condition = A feltétel eltávolítása
builder-field = Mező
builder-choose-field = Válasszon mezőt
builder-operator = Operátor
builder-value = Érték
builder-value-hint = érték vagy „me” (saját maga)
builder-apply = Szűrő alkalmazása
builder-bad-operator = Válasszon operátort.
builder-is-value = Az „üres vagy nem üres” értéke null vagy not_null lehet.
builder-too-large = Ez a szűrő nem használható:
builder-bad-list = Az értékeket vesszővel elválasztva adja meg; a vesszőt tartalmazó értéket tegye idézőjelbe ("Kovács, János").
op-eq = egyenlő
op-neq = nem egyenlő
op-gt = nagyobb, mint
op-gte = legalább
op-lt = kisebb, mint
op-lte = legfeljebb
op-in = a következők egyike
op-nin = egyik sem a következők közül
op-like = illeszkedik a mintára
op-ilike = illeszkedik a mintára (kis- és nagybetűtől függetlenül)
op-contains = tartalmazza
op-startswith = ezzel kezdődik
op-is = üres vagy nem üres

## Saved views
views-title = Nézetek
views-all = Összes rekord
views-shared = megosztott
views-save = Nézet mentése
views-name = A nézet neve
views-share = Megosztás mindenkivel
views-save-submit = Mentés
views-update = Nézet frissítése
views-delete = Nézet törlése
views-delete-confirm = Törli ezt a nézetet? A rekordok megmaradnak.
view-field-name = Név:
view-field-filter = Szűrő:
view-field-sort = Rendezés:
view-field-columns = Oszlopok:
view-field-q = Keresés:
list-count = { $count ->
   *[other] { $shown } rekord
}
list-count-about = kb. { $shown } rekord
list-filter-code = Szűrőkód
list-filter-code-help = Az API szűrőnyelve haladóknak: mező[művelet]:érték, vesszővel elválasztva.
list-filter-active = Aktív szűrő
list-filter-clear = Szűrő törlése
filter-joiner-and = és
filter-joiner-or = vagy
filter-joiner-not = nem
list-empty-title = Még nincsenek { $objects }
list-show-all = Minden rekord mutatása
