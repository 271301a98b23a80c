## Problémák: az API hibaválaszai és az oldalak elutasításai.

problem-title-400 = Hibás kérés
problem-title-401 = Bejelentkezés szükséges
problem-title-403 = Nem engedélyezett
problem-title-404 = Nem található
problem-title-405 = A metódus nem engedélyezett
problem-title-409 = Ütközés
problem-title-413 = Túl nagy kérés
problem-title-415 = Nem támogatott tartalomtípus
problem-title-422 = Feldolgozhatatlan tartalom
problem-title-428 = Előfeltétel szükséges
problem-title-429 = Túl sok kérés
problem-title-500 = Belső szerverhiba
problem-title-503 = A szolgáltatás nem érhető el

## Általános mondatok, részletek nélküli elutasításokhoz
problem-unknown-field = Nincs ilyen mező.
problem-invalid-filter = A szűrő hibásan van megadva.
problem-invalid-cursor = A lapozási mutató nem érvényes ehhez a listához.
problem-not-sortable = A lista nem rendezhető e mező szerint.
problem-invalid-operator = Ez az operátor nem alkalmazható a mezőre.
problem-invalid-filter-value = A szűrő egyik értéke nem illik a mezőjéhez.
problem-unauthenticated = Előbb jelentkezzen be: a munkamenet vagy a token hiányzik, lejárt vagy vissza lett vonva.
problem-password-change-required = Ez a fiók egyszer használatos jelszóval jelentkezett be: előbb változtassa meg a jelszót (POST /api/v1/me/password), majd próbálja újra.
problem-unknown-object = Nincs ilyen objektum.
problem-schema-changed = A metaadatok megváltoztak a kérés futása közben; próbálja újra.
problem-not-empty = Az adatbázis már tartalmaz adatokat.
problem-last-administrator = Így egyetlen aktív adminisztrátor sem maradna.
problem-file-too-large = A fájl túl nagy.
problem-rate-limited = Ez az API-token túl sok kérést küldött; próbálja újra kicsit később.
problem-database-unavailable = Az adatbázis nem érhető el; próbálja újra kicsit később.
problem-internal-error = A szerver nem tudott válaszolni erre a kérésre.
problem-partly-written = Az elemeknek csak egy része íródott ki a hiba előtt.
problem-database-error = A szerver nem tudott válaszolni erre a kérésre.
problem-file-store-failed = A szerver nem tudott válaszolni erre a kérésre.
problem-export-failed = A szerver nem tudott válaszolni erre a kérésre.
problem-migration-failed = A szerver nem tudott válaszolni erre a kérésre.
problem-csrf-failed = A kérés nem ennek a webhelynek egy oldaláról érkezett, vagy a CSRF-token hiányzik, illetve hibás.
problem-read-only-token = Ez az API-token csak olvasásra jogosít: semmit sem módosíthat.
problem-method-not-allowed = Ez a cím nem fogadja ezt a metódust.
problem-malformed-json = A kérés törzse nem érvényes JSON.
problem-invalid-body = A kérés törzse nem olyan szerkezetű, amilyet ez a művelet vár.
problem-unsupported-media-type = A kérés törzsének JSON-nak kell lennie (Content-Type: application/json).
problem-body-too-large = A kérés törzse túl nagy.
problem-unreadable-body = A kérés törzse nem olvasható.
problem-version-required = Adja meg a beolvasott verziót (a version mezőben vagy az If-Match fejlécben).
problem-unknown-relation = Nincs ilyen kapcsolódó lista.

## Részletek a hiba adataival
detail-validation-failed = Érvénytelen { $count ->
    [one] érték
   *[other] értékek
}: { $list }
detail-field = { $field }: { $message }
detail-list-separator = { "; " }
detail-unknown-field = A(z) `{ $object }` objektumnak nincs `{ $field }` mezője.
detail-invalid-filter = A szűrő hibás ({ $position }. karakter): { $problem }.
detail-invalid-cursor = A lapozási mutató nem érvényes ehhez a listához.
detail-not-sortable = A(z) `{ $field }` mező szerint nem lehet rendezni (nincs indexe).
detail-invalid-operator = A(z) `{ $op }` operátor nem alkalmazható a(z) `{ $field }` mezőre.
detail-invalid-filter-value = `{ $field }` mező: a(z) `{ $value }` érték nem { $expected }.
detail-unauthenticated = Előbb jelentkezzen be (a munkamenet vagy a token hiányzik, lejárt vagy vissza lett vonva).
detail-invalid-credentials = Az e-mail-cím vagy a jelszó hibás.
detail-forbidden = { $action ->
    [read] Nem olvashatja
    [create] Nem hozhat létre
    [edit] Nem szerkesztheti
    [change] Nem módosíthatja
    [delete] Nem törölheti
    [remove] Nem távolíthatja el
    [export] Nem exportálhatja
    [administer] Nem kezelheti
   *[other] Nem végezheti ezt a műveletet ({ $action }):
} a(z) `{ $object }` objektum rekordjait.
detail-password-change-required = Ez a fiók egyszer használatos jelszóval jelentkezett be: előbb változtassa meg a jelszót (POST /api/v1/me/password), majd próbálja újra.
detail-not-found = A(z) `{ $object }` objektum { $id } azonosítójú rekordja nem található.
detail-unknown-object = Ismeretlen objektum: `{ $object }`.
detail-version-conflict = A(z) `{ $object }` objektum { $id } azonosítójú rekordját valaki más módosította: Ön a(z) { $expected }. verziót olvasta be, most a(z) { $actual }. verziónál tart.
detail-schema-changed = A metaadatok megváltoztak a kérés futása közben; próbálja újra.
detail-not-empty = A bemutató adatok csak üres adatbázisba tölthetők be (ebben már { $people } személy szerepel).
detail-last-administrator = Így egyetlen aktív adminisztrátor sem maradna.
detail-file-too-large = A fájl nagyobb { $max } bájtnál.
detail-too-many-attempts = Túl sok sikertelen próbálkozás; próbálja újra { $retry_after_secs } másodperc múlva.
detail-rate-limited = Ez az API-token túl sok kérést küldött; próbálja újra { $retry_after_secs } másodperc múlva.
detail-database-unavailable = Az adatbázis nem érhető el; próbálja újra kicsit később.
detail-internal-error = A szerver nem tudott válaszolni erre a kérésre.
detail-partly-written = A hiba előtt { $total } elemből { $written } íródott ki ({ $cause }).

## Egy elutasított mező: miért, a részletekkel
reason-required = Kötelező.
reason-wrong-type = Az érték nem megfelelő: { $expected } szükséges.
reason-too-long = Hosszabb { $max } karakternél.
reason-too-many = Több mint { $max } elem.
reason-too-short = Túl rövid: legalább { $min } karaktert használjon (néhány egymáshoz nem kapcsolódó szó jól működik).
reason-out-of-range = { $min } és { $max } között kell lennie.
reason-too-precise = Több mint { $scale } tizedesjegyet tartalmaz.
reason-not-an-email = Ez nem e-mail-cím.
reason-not-a-phone = Ez nem telefonszám.
reason-not-a-url = Ez nem webcím (http vagy https).
reason-unknown-currency = Ez nem ISO 4217 szerinti pénznemkód.
reason-unknown-country = Ez nem ISO 3166 szerinti országkód.
reason-unknown-option = Nincs `{ $value }` opció.
reason-not-a-date = Ez nem dátum (ÉÉÉÉ-HH-NN).
reason-not-a-datetime = Ez nem RFC 3339 szerinti dátum és időpont.
reason-not-a-uuid = Ez nem rekordazonosító (UUID).
reason-read-only = Nem írható.
reason-duplicate = Már egy másik rekordhoz tartozik.
reason-unknown-subfield = Nincs `{ $name }` része.
reason-invalid-name = Csak kisbetűkből, számjegyekből és _ karakterből állhat, és betűvel kell kezdődnie (legfeljebb 48 karakter).
reason-name-taken = Már foglalt.
reason-unknown-record = Nem létező rekordra hivatkozik.
reason-unknown-field = Nincs ilyen mező ezen az objektumon.
reason-unknown-object = Nem létező objektumra hivatkozik: `{ $name }`.
reason-malformed = Nem használható: { $detail }
reason-in-use = A(z) `{ $value }` opció nem távolítható el: egyes rekordoknál még ez szerepel.
reason-invalid-option-value = Az opciók értéke csak betűket, számjegyeket, _ és - karaktert tartalmazhat (legfeljebb 100 karaktert).
reason-not-a-select = Nincsenek opciói: opciói csak a választás és a többszörös választás típusú mezőknek vannak.
reason-used-by = Az objektum `{ $what }` beállítása használja: előbb azt módosítsa.
reason-common-password = Ez a jelszó a leggyakrabban használtak közé tartozik; válasszon másikat.
reason-predictable-password = Ez a jelszó egy ismétlődő karakter vagy egyszerű sorozat; válasszon másikat.
reason-contains-personal-info = A jelszó nem tartalmazhatja az Ön nevét vagy az e-mail-címében szereplő nevet.
reason-invalid-filter = Hibás ({ $position }. karakter): { $problem }.
reason-invalid-order-by = Hibás ({ $position }. karakter): { $problem }.

## Egy mező elutasításai részletek nélkül
field-ambiguous-relation = Több kapcsolat is oda vezet: szűrje inkább a kapcsolódó objektumot.
field-batch-size = Túl sok vagy túl kevés elem egy kérésben.
field-conflicting = Ezek az értékek ellentmondanak egymásnak.
field-malformed-query = A lekérdezési karakterlánc nem olvasható.
field-nul-character = A szöveg nem tartalmazhat NUL karaktert.
field-invalid-utf8 = A szöveg nem érvényes UTF-8.
field-not-a-relation = Ez nem kapcsolatmező.
field-repeated = Többször is meg van adva.
field-unknown-parameter = Ismeretlen paraméter.
field-invalid-credentials = A jelszó nem helyes.

## Mi a hiba egy szűrőben vagy rendezésben
filter-expected-filter = szűrőt vártunk, például `name[eq]:value` vagy `and(...)`
filter-expected-end = a szűrő végét vártuk
filter-too-large = a szűrő túl nagy ({ $conditions } feltétel, { $values } érték; legfeljebb { $max_conditions }, illetve { $max_values })
filter-too-deep = a szűrő több mint { $max } szint mélyen van egymásba ágyazva
filter-unknown-combinator = ismeretlen összekapcsoló: `{ $name }`; and, or vagy not lehet
filter-not-takes-one = a `not` pontosan egy szűrőt fogad
filter-needs-filter = a(z) `{ $name }` legalább egy szűrőt igényel
filter-expected-not-close = `)` jelet vártunk a `not(` belsejében lévő szűrő után
filter-expected-comma-or-close = `,` vagy `)` jelet vártunk
filter-expected-open-bracket = `[` jelet vártunk a mező neve után
filter-expected-close-bracket = `]` jelet vártunk az operátor után
filter-expected-colon = `:` jelet vártunk a `]` után
filter-expected-path-part = mezőnevet vártunk a `.` után
filter-expected-operator = operátort vártunk a `[` után, például `eq`
filter-unknown-operator = ismeretlen operátor: `{ $op }`
filter-needs-list = a(z) `{ $op }` listát igényel, például [a,b]
filter-one-value = a(z) `{ $op }` egyetlen értéket fogad, nem listát
filter-is-takes-null = az `is` értéke null vagy not_null lehet
filter-expected-comma-or-list-end = `,` vagy `]` jelet vártunk a listában
filter-expected-value = értéket vártunk
filter-unknown-escape = ismeretlen escape-szekvencia: `\{ $escape }`; csak \" és \\ megengedett
filter-unclosed-quote = `"` jelet vártunk a { $open }. karakternél megnyitott idézőjel lezárásához
filter-sort-expected-close = `]` jelet vártunk
filter-not-a-field-name = a(z) `{ $name }` nem mezőnév
filter-unknown-direction = ismeretlen irány: `{ $direction }`
filter-sorted-twice = a(z) `{ $name }` kétszer szerepel a rendezésben
filter-too-many-sort-keys = legfeljebb { $max } rendezési kulcs adható meg

## Milyen értéknek kellett volna lennie
expected-text = szöveg
expected-text-without-nul-characters = NUL karaktert nem tartalmazó szöveg
expected-an-integer = egész szám
expected-true-or-false = true vagy false
expected-an-option = egy opció
expected-a-list-of-options = opciók listája
expected-a-list = lista
expected-a-decimal-number = tizedes szám
expected-an-object-with-amount-and-currency = összeget (amount) és pénznemet (currency) tartalmazó objektum
expected-a-handle-or-address = felhasználónév vagy cím
expected-an-object-with-value-label-primary = value, label, primary mezőket tartalmazó objektum
expected-text-or-an-object = szöveg vagy objektum
expected-an-object = objektum
expected-a-unique-field = egyedi mező
expected-a-file-name-without-or-control-characters = /, \ és vezérlőkarakterek nélküli fájlnév
expected-a-date-yyyy-mm-dd = dátum (ÉÉÉÉ-HH-NN)
expected-a-date-and-time-rfc-3339 = dátum és időpont (RFC 3339)
expected-a-number = szám
expected-a-number-in-the-field-s-range = a mező tartományába eső szám
expected-a-number-with-no-more-decimal-places-than-the-field-keeps = legfeljebb annyi tizedesjegyű szám, amennyit a mező tárol
expected-a-record-id-or-me = rekordazonosító vagy `me`
expected-an-amount-in-range = a megengedett tartományba eső összeg
expected-an-amount-with-no-more-decimal-places-than-the-field-keeps = legfeljebb annyi tizedesjegyű összeg, amennyit a mező tárol
expected-one-of-the-field-s-options = a mező egyik opciója
