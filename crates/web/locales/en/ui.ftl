## Navigation and frame
nav-skip = Skip to content
nav-home = Home
nav-menu = Menu
nav-main = Main navigation
nav-shortcuts = Shortcuts
nav-kanban = Pipeline
nav-calendar = Calendar
nav-more = More
nav-settings = Settings
nav-sign-out = Sign out
nav-crumbs = Breadcrumbs

search-label = Search everything
search-placeholder = Search (Ctrl+K)
search-results = Search results
search-title = Search
search-submit = Search
search-more = Show all
search-nothing = Nothing matches “{ $q }”.
lookup-none = No match

## Errors
error-not-found = This page does not exist
error-not-found-hint = The address may be mistyped, or the record was deleted or is not shared with you.
error-forbidden = You do not have access to this
error-forbidden-hint = Your role does not allow it. An administrator can change your role if you need it.
error-bad-request = This request could not be understood
error-bad-request-hint = Go back and try again; if it keeps happening, tell your administrator.
error-server = Something went wrong on our side
error-server-hint = Nothing was changed. Try again in a moment.
error-go-home = Go to Home
error-search = Search
error-toast = That did not work. Nothing was changed; please try again.
error-offline = The server cannot be reached. Your typing is kept on this page.

## Sign in and profile
login-title = Sign in to Rapport
login-email = Email
login-password = Password
login-submit = Sign in
login-failed = That email and password do not match an active account.
login-throttled = Too many attempts. Wait a few minutes before trying again.

profile-title = Your profile
profile-must-change = You signed in with a one-time password. Choose your own password to continue.
profile-preferences = Preferences
profile-name = Name
profile-locale = Language
profile-time-zone = Time zone
profile-password = Password
profile-current-password = Current password
profile-new-password = New password
profile-password-help = At least 15 characters. A passphrase of several words is easy to remember and hard to guess.
profile-change-password = Change password

## Actions
action-save = Save
action-cancel = Cancel
action-edit = Edit
action-delete = Delete
action-close = Close
keys-title = Keyboard shortcuts
keys-search = Search everything
keys-new = New record (on a list)
keys-edit = Edit (on a record)
keys-help = These shortcuts
keys-close = Close search or this window

## Values
value-yes = Yes
value-no = No
value-empty = (empty)
record-not-shared = Not shared with you
choice-none = —
form-add-another = Add another
part-first = First name
part-last = Last name
part-street = Street
part-city = City
part-postcode = Postcode
part-region = Region
part-country = Country (code)
part-amount = Amount
part-currency = Currency

## Field errors (by reason code)
field-invalid = This value is not valid.
field-required = Required.
field-wrong-type = This is not the right kind of value.
field-too-long = Too long.
field-too-many = Too many items.
field-out-of-range = Out of range.
field-too-precise = Too many decimal places.
field-not-an-email = Not an email address.
field-not-a-phone = Not a phone number.
field-not-a-url = Not a web address.
field-unknown-currency = Unknown currency code.
field-unknown-country = Unknown country code.
field-unknown-option = Not one of the options.
field-not-a-date = Not a date.
field-not-a-datetime = Not a date and time.
field-not-a-uuid = Choose a record from the list.
field-read-only = This field cannot be changed.
field-duplicate = Another record already has this value.
field-unknown-subfield = This value has a part that does not belong.
field-invalid-name = Not a valid name.
field-name-taken = This name is already taken.
field-unknown-record = The chosen record does not exist or is not shared with you.
field-unknown-field = Unknown field.
field-unknown-object = Unknown object.
field-in-use = Records still have the option “{ $value }”: it cannot be removed.
field-invalid-option-value = Option values may hold only letters, digits, _ and - (at most 100 characters).
field-not-a-select = Only select and multi-select fields have options.
field-used-by = The object's { $what } uses this field: change that first.
field-weak = This password is too easy to guess.
field-too-short = Too short.
field-breached = This password is known from data breaches; choose another.
field-mismatch = This does not match.

problem-forbidden = Your role does not allow this.
problem-not-found = This record does not exist or is not shared with you.
problem-version-conflict = Someone saved this record after you opened it.
problem-validation-failed = Some values need your attention.
problem-invalid-credentials = The current password is not correct.
problem-too-many-attempts = Too many attempts. Wait a few minutes before trying again.

## Lists
list-new = New
list-search = Search
list-filter = Filter
list-apply = Apply
list-build-filter = Filter builder
list-columns = Columns
list-columns-legend = Shown columns
list-column-up = Move { $column } up
list-column-down = Move { $column } down
list-bad-view = This view cannot be shown:
list-empty = Create the first one here, and it will be listed with everything your team adds.
list-no-match = No records match this search or filter.
list-select-all = Select all shown
list-more = Show more
bulk-title = Selected records
bulk-confirm = Apply this to the selected records?
bulk-confirm-delete = Move the selected records to the bin?
bulk-reassign = Reassign
bulk-owner = New owner
bulk-reassign-submit = Reassign selected
bulk-set = Set a field
bulk-field = Field
bulk-set-submit = Set on selected
bulk-none-selected = Select at least one record first.
bulk-too-many = Select at most 500 records for one action.
bulk-choose-owner = Choose the new owner.
bulk-choose-field = Choose a field to set.
bulk-choose-action = Choose what to do with the selected records.
bulk-selected = { $count ->
    [one] { $count } selected
   *[other] { $count } selected
}
bulk-delete = Delete selected

## Record page
record-details = Details
section-main = Overview
section-contact = Contact
section-personal = Personal
section-sales = Sales
record-fields = Fields
record-new-title = New { $object }
record-delete-confirm = Move this record to the bin?
record-conflict = Someone else saved this record while you were editing it.
cell-conflict = Someone else changed this field meanwhile. Save again to keep yours.
cell-conflict-value = Someone else changed this field to “{ $value }” meanwhile. Save again to keep yours.
conflict-title = Changed by someone else
conflict-field = Field
conflict-theirs = Saved now
conflict-yours = Yours
conflict-help = Keep your values to save over theirs, or take theirs to drop your changes.
conflict-keep-mine = Keep mine and save
conflict-take-theirs = Take theirs
related-all = View all
related-new = Add
related-empty = None yet.
quick-title = Log and schedule
quick-calls = Log call
quick-notes = Add note
quick-tasks = Schedule task
quick-meetings = Schedule meeting
quick-attach = Attach file
attach-file = File
attach-help = Up to 64 MB. It is kept with the record and listed on its timeline.
attach-choose-file = Choose a file to attach.
attach-too-large = The file is too large (at most 64 MB).
quick-call-subject = Call
timeline-title = Timeline
timeline-empty = Nothing has happened here yet. Log a call or add a note.
timeline-change = Change
timeline-changed = { $field }: { $old } → { $new }
timeline-more = Older
system-owner = Owner
system-team = Team

## Home
home-title = Home
home-greeting = Hello, { $name }
home-tasks = Tasks due
home-tasks-empty = No tasks due today. Well done.
home-tasks-link = All my tasks
home-meetings = Today's meetings
home-meetings-empty = No meetings today.
home-calendar = Open calendar
home-calls = Today's calls
home-calls-empty = No calls logged today.
home-reminders = Reminders
home-reminders-empty = No reminders due.
home-board-opportunity = My open opportunities
home-board-opportunity-empty = You have no open opportunities.
home-count = Count
home-amount = Amount
home-board-opportunity-link = Open pipeline
home-recent = Recently viewed
home-recent-empty = Records you open appear here.
home-list-empty = Nothing here yet.
home-show-all = Show all
home-open-board = Open board

## Filter builder
builder-title = Filter
builder-help = Conditions in a group must all match (all of), any one match (any of), or none match (none of). “is” takes null or not_null; “in” takes values separated by commas.
builder-group-and = All of
builder-group-or = Any of
builder-group-not = None of
builder-switch = All / any / none
builder-add = Add condition
builder-add-group = Add group
builder-remove = Remove
builder-remove-group = Remove this group
builder-remove-condition = Remove this condition
builder-field = Field
builder-choose-field = Choose a field
builder-operator = Operator
builder-value = Value
builder-value-hint = value, or “me”
builder-apply = Apply filter
builder-bad-operator = Choose an operator.
builder-is-value = “is” takes null or not_null.
builder-too-large = This filter cannot be used:
builder-bad-list = List the values separated by commas; put a value that holds a comma in quotes ("Smith, John").
op-eq = is equal to
op-neq = is not equal to
op-gt = is greater than
op-gte = is at least
op-lt = is less than
op-lte = is at most
op-in = is one of
op-nin = is none of
op-like = matches the pattern
op-ilike = matches the pattern, any case
op-contains = contains
op-startswith = starts with
op-is = is (empty or not)

## Saved views
views-title = Views
views-all = All records
views-shared = shared
views-save = Save view
views-name = Name of the view
views-share = Share with everyone
views-save-submit = Save
views-update = Update view
views-delete = Delete view
views-delete-confirm = Delete this view? The records stay.
view-field-name = Name:
view-field-filter = Filter:
view-field-sort = Sort:
view-field-columns = Columns:
view-field-q = Search:
list-count = { $count ->
    [one] { $shown } record
   *[other] { $shown } records
}
list-count-about = about { $shown } records
list-filter-code = Filter code
list-filter-code-help = The API's filter language, for power users: field[operator]:value, joined with commas.
list-filter-active = Active filter
list-filter-clear = Clear filter
filter-joiner-and = and
filter-joiner-or = or
filter-joiner-not = not
list-empty-title = No { $objects } yet
list-show-all = Show all records
