## Problems: the API's error answers and the pages' refusals (crates/web/src/problem_text.rs).
## Ids by code: problem-title-{status}, problem-{code} (the code's general sentence),
## detail-{code} (with the error's specifics), reason-{code} (a refused field),
## filter-{syntax} (what is wrong with filter or sort text), expected-{words}
## (what a value should have been).

problem-title-400 = Bad Request
problem-title-401 = Unauthorized
problem-title-403 = Forbidden
problem-title-404 = Not Found
problem-title-405 = Method Not Allowed
problem-title-409 = Conflict
problem-title-413 = Payload Too Large
problem-title-415 = Unsupported Media Type
problem-title-422 = Unprocessable Content
problem-title-428 = Precondition Required
problem-title-429 = Too Many Requests
problem-title-500 = Internal Server Error
problem-title-503 = Service Unavailable

## General sentences, for refusals made without specifics
problem-unknown-field = There is no such field.
problem-invalid-filter = The filter is malformed.
problem-invalid-cursor = The cursor is not valid for this list.
problem-not-sortable = The list cannot be sorted by this field.
problem-invalid-operator = This operator does not apply to the field.
problem-invalid-filter-value = A value of the filter does not suit its field.
problem-unauthenticated = Sign in first: the session or token is missing, expired or revoked.
problem-password-change-required = This account signed in with a one-time password: change the password first (POST /api/v1/me/password), then try again.
problem-unknown-object = There is no such object.
problem-schema-changed = The metadata changed while the request ran; try again.
problem-not-empty = The database already holds data.
problem-last-administrator = This would leave no active administrator.
problem-file-too-large = The file is too large.
problem-rate-limited = This API token made too many requests; try again shortly.
problem-database-unavailable = The database is unavailable; try again shortly.
problem-internal-error = The server failed to answer this request.
problem-partly-written = Only part of the items were written before a failure.
problem-database-error = The server failed to answer this request.
problem-file-store-failed = The server failed to answer this request.
problem-export-failed = The server failed to answer this request.
problem-migration-failed = The server failed to answer this request.
problem-csrf-failed = The request did not come from a page of this site, or its CSRF token is missing or wrong.
problem-read-only-token = This API token is read-only: it cannot change anything.
problem-method-not-allowed = This address does not take this method.
problem-malformed-json = The body is not valid JSON.
problem-invalid-body = The body does not have the shape this operation takes.
problem-unsupported-media-type = The body must be JSON (Content-Type: application/json).
problem-body-too-large = The body is too large.
problem-unreadable-body = The body could not be read.
problem-version-required = Name the version you read (the version field or If-Match).
problem-unknown-relation = There is no such related list.

## Details with the error's specifics
detail-validation-failed = Invalid { $count ->
    [one] value
   *[other] values
}: { $list }
detail-field = { $field }: { $message }
detail-list-separator = { "; " }
detail-unknown-field = Object `{ $object }` has no field `{ $field }`.
detail-invalid-filter = The filter is malformed at character { $position }: { $problem }.
detail-invalid-cursor = The cursor is not valid for this list.
detail-not-sortable = Field `{ $field }` cannot be sorted by (it has no index).
detail-invalid-operator = Operator `{ $op }` does not apply to field `{ $field }`.
detail-invalid-filter-value = Field `{ $field }`: value `{ $value }` is not { $expected }.
detail-unauthenticated = Sign in first (the session or token is missing, expired or revoked).
detail-invalid-credentials = The email or the password is wrong.
detail-forbidden = You may not { $action } { $object }.
detail-password-change-required = This account signed in with a one-time password: change the password first (POST /api/v1/me/password), then try again.
detail-not-found = { $object } { $id } was not found.
detail-unknown-object = Unknown object `{ $object }`.
detail-version-conflict = { $object } { $id } was changed by someone else: you read version { $expected }, it is now at { $actual }.
detail-schema-changed = The metadata changed while the request ran; try again.
detail-not-empty = The demo data can only be loaded into an empty database (it already holds { $people } { $people ->
    [one] person
   *[other] people
}).
detail-last-administrator = This would leave no active administrator.
detail-file-too-large = The file is larger than { $max } bytes.
detail-too-many-attempts = Too many failed attempts; try again in { $retry_after_secs } { $retry_after_secs ->
    [one] second
   *[other] seconds
}.
detail-rate-limited = This API token made too many requests; try again in { $retry_after_secs } s.
detail-database-unavailable = The database is unavailable; try again shortly.
detail-internal-error = The server failed to answer this request.
detail-partly-written = { $written } of { $total } items were written before this failure ({ $cause }).

## A refused field: why, with the specifics
reason-required = Required.
reason-wrong-type = Must be { $expected }.
reason-too-long = Longer than { $max } { $max ->
    [one] character
   *[other] characters
}.
reason-too-many = More than { $max } { $max ->
    [one] item
   *[other] items
}.
reason-too-short = Too short: use at least { $min } characters (a few unrelated words work well).
reason-out-of-range = Must be between { $min } and { $max }.
reason-too-precise = Has more than { $scale } decimal { $scale ->
    [one] place
   *[other] places
}.
reason-not-an-email = Not an email address.
reason-not-a-phone = Not a phone number.
reason-not-a-url = Not a web address (http or https).
reason-unknown-currency = Not an ISO 4217 currency code.
reason-unknown-country = Not an ISO 3166 country code.
reason-unknown-option = There is no option `{ $value }`.
reason-not-a-date = Not a date (YYYY-MM-DD).
reason-not-a-datetime = Not an RFC 3339 date and time.
reason-not-a-uuid = Not a record id (UUID).
reason-read-only = Cannot be written.
reason-duplicate = Already belongs to another record.
reason-unknown-subfield = Has no part `{ $name }`.
reason-invalid-name = Must be lower-case letters, digits and _ starting with a letter (at most 48).
reason-name-taken = Already used.
reason-unknown-record = Names a record that does not exist.
reason-unknown-field = Does not exist on this object.
reason-unknown-object = Names an object `{ $name }` that does not exist.
reason-malformed = Cannot be used: { $detail }
reason-in-use = Cannot lose option `{ $value }`: records still hold it.
reason-invalid-option-value = Option values must be letters, digits, _ and - (at most 100 characters).
reason-not-a-select = Has no options: only select and multi-select fields do.
reason-used-by = Is used by the object's `{ $what }`: change that first.
reason-common-password = This password is one of the most commonly used ones; choose another.
reason-predictable-password = This password is a repeated character or a simple sequence; choose another.
reason-contains-personal-info = The password must not contain your name or the name in your email address.
reason-invalid-filter = Malformed at character { $position }: { $problem }.
reason-invalid-order-by = Malformed at character { $position }: { $problem }.

## Edge refusals of one field, without specifics
field-ambiguous-relation = More than one relation leads there: filter the related object instead.
field-batch-size = Too many or too few items in one request.
field-conflicting = These values contradict each other.
field-malformed-query = The query string cannot be read.
field-nul-character = Text may not hold NUL characters.
field-invalid-utf8 = The text is not valid UTF-8.
field-not-a-relation = Not a relation field.
field-repeated = Given more than once.
field-unknown-parameter = Unknown parameter.
field-invalid-credentials = The password is not correct.

## What is wrong with filter or sort text
filter-expected-filter = expected a filter like `name[eq]:value` or `and(...)`
filter-expected-end = expected end of filter
filter-too-large = the filter is too large ({ $conditions } conditions, { $values } values; at most { $max_conditions } and { $max_values })
filter-too-deep = filter nested more than { $max } levels deep
filter-unknown-combinator = unknown combinator `{ $name }`: expected and, or, not
filter-not-takes-one = `not` takes exactly one filter
filter-needs-filter = `{ $name }` needs at least one filter
filter-expected-not-close = expected `)` after the filter in `not(`
filter-expected-comma-or-close = expected `,` or `)`
filter-expected-open-bracket = expected `[` after field name
filter-expected-close-bracket = expected `]` after operator
filter-expected-colon = expected `:` after `]`
filter-expected-path-part = expected a field name after `.`
filter-expected-operator = expected an operator like `eq` after `[`
filter-unknown-operator = unknown operator `{ $op }`
filter-needs-list = `{ $op }` needs a list like [a,b]
filter-one-value = `{ $op }` takes one value, not a list
filter-is-takes-null = `is` takes null or not_null
filter-expected-comma-or-list-end = expected `,` or `]` in the list
filter-expected-value = expected a value
filter-unknown-escape = unknown escape `\{ $escape }`: only \" and \\ are allowed
filter-unclosed-quote = expected `"` to close the quote opened at character { $open }
filter-sort-expected-close = expected `]`
filter-not-a-field-name = `{ $name }` is not a field name
filter-unknown-direction = unknown direction `{ $direction }`
filter-sorted-twice = `{ $name }` is sorted by twice
filter-too-many-sort-keys = at most { $max } sort keys

## What a value should have been
expected-text = text
expected-text-without-nul-characters = text without NUL characters
expected-an-integer = an integer
expected-true-or-false = true or false
expected-an-option = an option
expected-a-list-of-options = a list of options
expected-a-list = a list
expected-a-decimal-number = a decimal number
expected-an-object-with-amount-and-currency = an object with amount and currency
expected-a-handle-or-address = a handle or address
expected-an-object-with-value-label-primary = an object with value, label, primary
expected-text-or-an-object = text or an object
expected-an-object = an object
expected-a-unique-field = a unique field
expected-a-file-name-without-or-control-characters = a file name without /, \ or control characters
expected-a-date-yyyy-mm-dd = a date (YYYY-MM-DD)
expected-a-date-and-time-rfc-3339 = a date and time (RFC 3339)
expected-a-number = a number
expected-a-number-in-the-field-s-range = a number in the field's range
expected-a-number-with-no-more-decimal-places-than-the-field-keeps = a number with no more decimal places than the field keeps
expected-a-record-id-or-me = a record id or `me`
expected-an-amount-in-range = an amount in range
expected-an-amount-with-no-more-decimal-places-than-the-field-keeps = an amount with no more decimal places than the field keeps
expected-one-of-the-field-s-options = one of the field's options
