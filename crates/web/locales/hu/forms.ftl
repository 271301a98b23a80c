## Rekordűrlapok: országválasztó, hibaösszesítő, piszkozatok
forms-country = Ország
forms-error-summary-title = { $count ->
    [one] Nincs mentve: ellenőrizzen egy mezőt
   *[other] Nincs mentve: ellenőrizzen { $count } mezőt
}
forms-error-summary-general = Nincs mentve
forms-draft-restored = Visszaállítottuk a nem mentett módosításait.
forms-draft-discard = Elvetés
