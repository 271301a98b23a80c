## Settings (administrators)
settings-title = Beállítások
settings-nav = Beállítási területek
settings-saved = Mentve.
settings-objects = Objektumok és mezők
settings-objects-hint = A Rapportban tárolt rekordtípusok és mezőik: egyéni objektumok és mezők hozzáadása, átnevezése, elrejtése és átrendezése.
settings-users = Felhasználók
settings-users-hint = Ki jelentkezhet be, milyen szerepkörökkel és csapatokban; új felhasználók, egyszer használatos jelszavak, deaktiválás.
settings-teams = Csapatok
settings-teams-hint = Felhasználók csoportjai; egy szerepkör lehetővé teheti, hogy a felhasználói elérjék a csapatuk rekordjait.
settings-roles = Szerepkörök és jogosultságok
settings-roles-hint = Mit tehet az egyes szerepkör az egyes objektumokkal, és mely mezőket látja.
settings-boards = Értékesítési folyamatok és szakaszok
settings-boards-hint = Az értékesítési folyamatok, amelyeken az értékesítési lehetőségek végighaladnak, és ezek szakaszai.

## Common words
settings-api-name = API-név
settings-api-name-help = Kisbetűk, számjegyek és aláhúzásjelek, betűvel kezdve. Programok, szűrők és importálások használják.
settings-api-name-suggested = Ha üresen hagyja, ez lesz: { $name }.
settings-api-name-rename-help = Az átnevezés működésképtelenné teszi a régi nevet használó programokat, mentett szűrőket és importálásokat.
settings-standard-name-help = Az Ön nyelvén így jelenik meg: „{ $name }”. Az ide írt név minden nyelven ezt váltja fel.
settings-api-name-standard = A Rapport saját szabályai használják ezt a nevet, ezért nem módosítható.
settings-api-name-taken = Egy másik objektumnak már ez az API-neve.
settings-field-api-name-taken = Az objektum egy másik mezőjének már ez az API-neve.
settings-kind = Fajta
settings-standard = Beépített
settings-custom = Egyéni
settings-hidden = Rejtett
settings-hide = Elrejtés
settings-unhide = Újbóli megjelenítés
settings-hide-named = { $name } elrejtése
settings-unhide-named = { $name } újbóli megjelenítése
settings-move-up = Fel
settings-move-down = Le
settings-move-up-named = { $name } mozgatása feljebb
settings-move-down-named = { $name } mozgatása lejjebb
settings-remove = Eltávolítás
settings-actions = Műveletek
settings-status = Állapot
settings-not-a-number = Adjon meg egy egész számot.
settings-last-admin = A Rapportnak legalább egy aktív rendszergazdára van szüksége, ez a módosítás viszont egyet sem hagyna. Előbb tegyen meg valaki mást rendszergazdának.

## Objects
settings-objects-all = Összes objektum
settings-object = Objektum
settings-field-count = Mezők
settings-object-new = Új egyéni objektum
settings-object-label = Egy rekord neve
settings-object-label-help = Például „Projekt”; a többes számú név a következő mezőbe kerül.
settings-object-label-plural = Több rekord neve
settings-object-create = Objektum létrehozása
settings-object-name-field = Név
settings-object-names = Nevek
settings-object-open = A lista megnyitása
settings-object-hide = Az objektum elrejtése
settings-object-unhide = Az objektum újbóli megjelenítése
settings-object-hide-confirm = Elrejti ezt az objektumot? A rekordjai megmaradnak, de amíg újra meg nem jeleníti, csak a rendszergazdák érik el őket.
settings-object-hide-help = A rejtett objektum megtartja a rekordjait; csak a rendszergazdák érik el őket.
settings-fields = Mezők
settings-field-add = Mező hozzáadása
settings-field-added = A mező hozzáadva. Mostantól megjelenik az űrlapokon, a listákban, a szűrőkben és az API-ban.
settings-field-label = Címke
settings-type = Típus
settings-flags = Tulajdonságok
settings-section = Mezőcsoport
settings-section-help = A címsor, amely alatt a mező a rekordoldalakon megjelenik. Válasszon egyet, vagy írjon be újat; ha üresen hagyja, a „Részletek” alá kerül.
settings-flag-required = Kötelező
settings-flag-unique = Egyedi
settings-flag-indexed = Rendezhető
settings-flag-searchable = Kereshető
settings-flag-read-only = A Rapport tölti ki
settings-flag-indexed-long = Rendezhető (a listák rendezhetők és lapozhatók szerinte)
settings-flag-unique-long = Egyedi (két rekordnak nem lehet azonos az értéke)
settings-flag-searchable-long = Kereshető (a keresés megtalálja)
settings-field-hide-confirm = Elrejti ezt a mezőt? Az értékei megmaradnak, de amíg újra meg nem jeleníti, nem látható és nem módosítható.
settings-label-field-stays = Ez a mező adja a rekordok nevét, ezért látható marad.

## Field types
settings-type-text = Szöveg
settings-type-long-text = Hosszú szöveg
settings-type-integer = Egész szám
settings-type-decimal = Tizedes szám
settings-type-currency = Pénzösszeg
settings-type-percent = Százalék
settings-type-boolean = Igen/nem
settings-type-date = Dátum
settings-type-datetime = Dátum és időpont
settings-type-select = Választás
settings-type-multi-select = Többszörös választás
settings-type-email = E-mail
settings-type-phone = Telefon
settings-type-url = Webcím
settings-type-social = Közösségimédia-profilok
settings-type-address = Cím
settings-type-full-name = Teljes név
settings-type-rating = Értékelés
settings-type-relation = Hivatkozás rekordra
settings-type-attachment = Fájl
settings-type-json = Strukturált adat (JSON)
settings-type-formula = Képlet
settings-type-rollup = Összesítés
settings-type-unknown = Válasszon a típusok közül.
settings-detail-max-length = legfeljebb { $max } karakter
settings-detail-range = { $min } és { $max } között
settings-detail-decimal = { $precision } számjegy, ebből { $scale } tizedesjegy
settings-detail-scale = { $scale } tizedesjegy
settings-detail-multiple = több érték
settings-detail-rating = { $max } fokozatú skála

## A new field
settings-field-new-title = Új mező: „{ $object }”
settings-field-create = Mező hozzáadása
settings-max-length = Leghosszabb szöveg (karakter)
settings-min = Legkisebb érték
settings-max = Legnagyobb érték
settings-min-above-max = A legnagyobb érték nem lehet kisebb a legkisebbnél.
settings-precision = Összes számjegy
settings-scale = Tizedesjegyek
settings-rating-max = Legmagasabb értékelés
settings-multiple = Több érték
settings-multiple-help = Több érték esetén mindegyik címkét kap, és megjelölhető elsődlegesként.
settings-target = Hivatkozott objektum
settings-choose-target = Válassza ki az objektumot, amelyre a mező hivatkozik.
settings-options = Opciók
settings-options-help = A címkét látják a felhasználók; az értéket tárolja a rendszer, és a programok ezt használják. Üres érték esetén a címkéből készül.
settings-option-label = { $n }. opció címkéje
settings-option-value = { $n }. opció értéke
settings-option-up = { $n }. opció mozgatása feljebb
settings-option-down = { $n }. opció mozgatása lejjebb
settings-option-remove = { $n }. opció eltávolítása
settings-option-add = Opció hozzáadása
settings-options-needed = Adjon hozzá legalább egy opciót.
settings-option-duplicate = Egy másik opciónak már ez az értéke.
settings-options-save = Opciók mentése

## A field
settings-field-edit = Címke és elhelyezés
settings-field-about = Mit tartalmaz
settings-field-fixed-help = Amint egy mező adatot tartalmaz, a típusa és a beállításai már nem módosíthatók: ezek módosításához hozzon létre új mezőt.

## Users
settings-users-all = Összes felhasználó
settings-user-name = Név
settings-user-email = E-mail-cím
settings-user-roles = Szerepkörök
settings-active = Aktív
settings-inactive = Deaktiválva
settings-must-change = Egyszer használatos jelszó
settings-user-new = Felhasználó hozzáadása
settings-user-new-help = A Rapport egyszer használatos jelszót készít, amelyet átadhat a felhasználónak; ő az első bejelentkezéskor választ saját jelszót.
settings-user-create = Felhasználó hozzáadása
settings-user-created = A felhasználó hozzáadva.
settings-email-taken = Egy másik felhasználó már ezt az e-mail-címet használja.
settings-user-profile = Profil
settings-user-access = Szerepkörök és csapatok
settings-user-account = Fiók
settings-user-is-active = Ez a felhasználó bejelentkezhet.
settings-user-is-inactive = Ez a felhasználó deaktiválva van, és nem jelentkezhet be.
settings-one-time-title = Egyszer használatos jelszó
settings-one-time-hint = Adja át ezt a jelszót személyesen vagy az e-mailtől eltérő csatornán a következő felhasználónak: { $email }. Az első bejelentkezéskor saját jelszót kell választania.
settings-one-time-once = Csak most látható: később nem jeleníthető meg újra, csak új jelszóra cserélhető.
settings-password-reset = Új egyszer használatos jelszó kiadása
settings-password-reset-confirm = Lecseréli a felhasználó jelszavát egy új egyszer használatos jelszóra? A munkamenetei véget érnek.
settings-password-reset-done = Új egyszer használatos jelszó készült; a felhasználó munkamenetei véget értek.
settings-deactivate = Deaktiválás
settings-deactivate-confirm = Deaktiválja ezt a felhasználót? A rendszer kijelentkezteti, és az újraaktiválásig nem jelentkezhet be. A rekordjai megmaradnak.
settings-deactivate-self-confirm = Deaktiválja a saját fiókját? A rendszer kijelentkezteti.
settings-reactivate = Újraaktiválás
settings-deactivate-help = A deaktivált felhasználó rekordjai és előzményei megmaradnak.

## Teams
settings-teams-all = Összes csapat
settings-teams-empty = Még nincs csapat.
settings-teams-none = Még nincs csapat.
settings-teams-manage = Csapatok kezelése
settings-team-name = Csapat neve
settings-team-members = Tagok
settings-team-new = Új csapat
settings-team-create = Csapat létrehozása
settings-team-taken = Egy másik csapatnak már ez a neve.

## Roles
settings-role-new = Új szerepkör
settings-role-name = Szerepkör neve
settings-role-admin-short = Rendszergazda
settings-role-holders = Felhasználók
settings-role-holders-count = { $count ->
    [0] Egy felhasználó sem rendelkezik ezzel a szerepkörrel.
    [one] Egy felhasználó rendelkezik ezzel a szerepkörrel.
   *[other] { $count } felhasználó rendelkezik ezzel a szerepkörrel.
}
settings-role-create = Szerepkör létrehozása
settings-role-taken = Egy másik szerepkörnek már ez a neve.
settings-role-about = Szerepkör
settings-role-standard-help = Beépített szerepkör: kiindulópont, amelyet módosíthat.
settings-role-admin = Rendszergazda
settings-role-admin-help = A rendszergazdák minden rekordot és mezőt elérnek, és kezelik a beállításokat, az alábbi szabályoktól függetlenül.
settings-role-objects = Rekordok
settings-role-objects-help = Meddig terjed az egyes műveletek hatóköre: egy rekordra sem, a felhasználó saját rekordjaira, a csapata (és a saját) rekordjaira, vagy az összesre.
settings-role-other-objects = Egyéb objektumok (és az újak)
settings-role-cell = { $object }: { $action }
settings-role-fields = Mezők
settings-role-fields-help = A rejtett mezők nem jelennek meg, nem kereshetők és nem exportálhatók; a csak olvasható mezők megjelennek, de nem módosíthatók.
settings-role-limited = { $count ->
    [one] egy mező korlátozva
   *[other] { $count } mező korlátozva
}
settings-access = Hozzáférés
settings-action-create = Létrehozás
settings-action-read = Olvasás
settings-action-edit = Szerkesztés
settings-action-delete = Törlés
settings-action-export = Exportálás
settings-reach-none = Nincs
settings-reach-own = Saját
settings-reach-team = Csapat
settings-reach-all = Összes
settings-access-hidden = Rejtett
settings-access-read-only = Csak olvasható
settings-access-read-write = Olvasás és írás
settings-role-administrator = Rendszergazda
settings-role-sales-manager = Értékesítési vezető
settings-role-sales-rep = Értékesítő
settings-role-service-agent = Ügyfélszolgálati munkatárs
settings-role-marketing = Marketing
settings-role-read-only = Csak olvasási jog

## Pipelines
settings-pipelines-all = Összes értékesítési folyamat
settings-pipelines-empty = Még nincs értékesítési folyamat. Az értékesítési lehetőségekhez szükség van legalább egyre.
settings-pipeline-default = Alapértelmezett
settings-pipeline-make-default = Beállítás alapértelmezettként
settings-pipeline-make-default-named = { $name } beállítása alapértelmezettként
settings-pipeline-new = Új értékesítési folyamat
settings-pipeline-name = Értékesítési folyamat neve
settings-pipeline-create = Értékesítési folyamat létrehozása
settings-pipeline-rename = Átnevezés
settings-pipeline-taken = Egy másik értékesítési folyamatnak már ez a neve.
settings-stage-count = { $count ->
    [0] nincs szakasz
    [one] egy szakasz
   *[other] { $count } szakasz
}
settings-stages = Szakaszok
settings-stages-empty = Még nincs szakasz.
settings-stage-new = Új szakasz
settings-stage-add = Szakasz hozzáadása
settings-stage-name = Szakasz neve
settings-stage-probability = Valószínűség (%)
settings-stage-kind = Fajta
settings-stage-save-named = { $name } mentése
settings-stage-kind-open = Nyitott
settings-stage-kind-won = Megnyert
settings-stage-kind-lost = Elvesztett

## An object's behaviour
settings-behaviour = Viselkedés
settings-behaviour-hint = Hol jelenik meg az objektum, és mit tesz: navigáció, keresés, naptár, tábla, gyorsműveletek.
settings-behaviour-nothing = Semmi különös: a „Továbbiak” alatt szerepel.
settings-behaviour-change = A viselkedés módosítása
settings-behaviour-has-nav = A navigációs sávban
settings-behaviour-has-calendar = A naptárban
settings-behaviour-has-board = Tábla
settings-behaviour-has-quick = Gyorsművelet
settings-behaviour-has-stages = Táblák oszlopai (szakaszok)
settings-behaviour-has-home = Listák a Kezdőlapon
settings-behaviour-has-files = Fájlokat tárol
settings-behaviour-title = „{ $object }”: viselkedés
settings-behaviour-help = Amit itt beállít, kód nélkül, azonnal mindenkire érvényes. A mezőket az objektum saját mezői közül választhatja.
settings-behaviour-nav = Navigáció és keresés
settings-behaviour-nav-group = Hely a navigációban
settings-behaviour-nav-main = A sávban
settings-behaviour-nav-more = A „Továbbiak” alatt
settings-behaviour-nav-rank = Sorrend a navigációban
settings-behaviour-nav-rank-help = A kisebb számok kerülnek előre; üresen hagyva a sávban a többi után következik.
settings-behaviour-rank-help = A kisebb számok kerülnek előre.
settings-behaviour-search-rank = Sorrend a keresési találatok között
settings-behaviour-search-rank-help = A kisebb számúakban keres előbb, és azokat mutatja előbb; a szám nélküli objektumok utánuk következnek, név szerint.
settings-behaviour-calendar = Naptár
settings-behaviour-calendar-on = A rekordjai megjelennek a naptárban
settings-behaviour-calendar-needs-datetime = Előbb adjon ehhez az objektumhoz egy dátum és időpont mezőt.
settings-behaviour-calendar-start = Kezdete
settings-behaviour-calendar-end = Vége
settings-behaviour-calendar-duration = Időtartam (másodperc)
settings-behaviour-calendar-duration-help = Egész szám mező, amely másodpercben adja meg, meddig tart. Vége vagy időtartama nélkül a rekord egyetlen időpont, mint egy határidő.
settings-behaviour-calendar-schedule = A naptár egy szabad sávja újat hoz létre belőle
settings-behaviour-calendar-schedule-help = Ehhez vége vagy időtartama kell legyen. A navigáció sorrendjében az első ilyen objektumból jön létre rekord.
settings-behaviour-none = Nincs
settings-behaviour-board = Tábla
settings-behaviour-board-on = A rekordjaiból tábla készülhet
settings-behaviour-board-needs-field = A táblán minden választási lehetőségnek saját oszlopa van: előbb adjon hozzá egy választás típusú mezőt.
settings-behaviour-board-default = Oszlopok ez alapján
settings-behaviour-board-first = Az első választás típusú mező
settings-behaviour-board-sum = Oszloponkénti összeg
settings-behaviour-board-home = Minden felhasználó nyitott rekordjai oszloponként a Kezdőlapon
settings-behaviour-quick = Gyorsművelet
settings-behaviour-quick-help = A rekordok oldalán létrehozható egy ilyen, a rekordhoz kapcsolva.
settings-behaviour-quick-on = Felajánlás a rekordok oldalán
settings-behaviour-quick-rank = Sorrend a gyorsműveletek között
settings-behaviour-quick-fields = Az űrlapon látható mezők
settings-behaviour-quick-fields-needed = Jelöljön be legalább egy mezőt.
settings-behaviour-need-datetime = Válasszon egy dátum és időpont mezőt.
settings-behaviour-need-integer = Válasszon egy egész szám mezőt.
settings-behaviour-need-board-field = Válasszon egy választás típusú mezőt, vagy egy olyan objektumra mutató hivatkozást, amelynek rekordjai szakaszok.
settings-behaviour-need-money = Válasszon egy pénzösszeg mezőt.
settings-behaviour-need-activity = Gyorsművelete csak a tevékenységeknek lehet.
settings-behaviour-unknown-field = Ez a mező nincs az objektumon, vagy rejtett.
settings-behaviour-schedule-needs-end = Ahhoz, hogy szabad sávból jöjjön létre, vége vagy időtartama kell legyen.

## The time zone picker (settings' user pages and everyone's profile)
zone-utc = Egyezményes koordinált világidő (UTC)
zone-region-utc = Világidő
zone-region-europe = Európa
zone-region-asia = Ázsia
zone-region-africa = Afrika
zone-region-america = Amerika
zone-region-australia = Ausztrália
zone-region-pacific = Csendes-óceán
zone-region-atlantic = Atlanti-óceán
zone-region-indian = Indiai-óceán
zone-region-antarctica = Antarktisz
zone-region-arctic = Északi-sark
zone-region-other = Egyéb
zone-unknown = A Rapport nem ismer ilyen időzónát: válasszon a listából.

## Putting stages in order by dragging or by keys
settings-reorder-help = Egy szakaszt a fogantyújánál húzva mozgathat, vagy a fogantyúra lépve a fel és le nyíllal. Utána mentse az új sorrendet.
settings-reorder-handle = „{ $name }” mozgatása
settings-reorder-moved = „{ $name }” most { $place }. a { $count } közül.
settings-reorder-unchanged = A szakaszok a mentett sorrendben vannak.
settings-reorder-changed = Az új sorrend még nincs mentve.
settings-order-save = Sorrend mentése
settings-order-undo = Visszavonás
settings-order-saved = Az új sorrend mentve.
settings-order-stale = A szakaszok megváltoztak, amióta az oldalt megnyitotta, ezért a sorrend nem lett mentve. Itt vannak a mostani állapotukban: mozgassa őket újra.
