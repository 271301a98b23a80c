## Record forms: the country picker, the error summary, drafts
forms-country = Country
forms-error-summary-title = { $count ->
    [one] Not saved: check one field
   *[other] Not saved: check { $count } fields
}
forms-error-summary-general = Not saved
forms-draft-restored = Restored your unsaved changes.
forms-draft-discard = Discard
