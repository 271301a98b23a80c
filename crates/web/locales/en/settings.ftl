## Settings (administrators)
settings-title = Settings
settings-nav = Settings sections
settings-saved = Saved.
settings-objects = Objects and fields
settings-objects-hint = The kinds of records Rapport keeps and their fields: add custom objects and fields, rename, hide and reorder them.
settings-users = Users
settings-users-hint = Who signs in, with which roles and teams; new users, one-time passwords, deactivation.
settings-teams = Teams
settings-teams-hint = Groups of users; a role can let its users reach their team's records.
settings-roles = Roles and permissions
settings-roles-hint = What each role may do with each object, and which fields it sees.
settings-boards = Pipelines and stages
settings-boards-hint = The sales processes opportunities move through, and their stages.

## Common words
settings-api-name = API name
settings-api-name-help = Lower-case letters, digits and underscores, starting with a letter. Programs, filters and imports use it.
settings-api-name-suggested = Left empty, it is { $name }.
settings-api-name-rename-help = Renaming it breaks programs, saved filters and imports that use the old name.
settings-standard-name-help = In your language this is shown as “{ $name }”. A name typed here replaces it in every language.
settings-api-name-standard = Rapport's own rules use this name, so it cannot change.
settings-api-name-taken = Another object already has this API name.
settings-field-api-name-taken = Another field of this object already has this API name.
settings-kind = Kind
settings-standard = Standard
settings-custom = Custom
settings-hidden = Hidden
settings-hide = Hide
settings-unhide = Show again
settings-hide-named = Hide { $name }
settings-unhide-named = Show { $name } again
settings-move-up = Up
settings-move-down = Down
settings-move-up-named = Move { $name } up
settings-move-down-named = Move { $name } down
settings-remove = Remove
settings-actions = Actions
settings-status = Status
settings-not-a-number = Enter a whole number.
settings-last-admin = Rapport needs at least one active administrator, and this change would leave none. Make someone else an administrator first.

## Objects
settings-objects-all = All objects
settings-object = Object
settings-field-count = Fields
settings-object-new = New custom object
settings-object-label = Name of one record
settings-object-label-help = For example “Project”; the name of many comes next.
settings-object-label-plural = Name of several records
settings-object-create = Create object
settings-object-name-field = Name
settings-object-names = Names
settings-object-open = Open the list
settings-object-hide = Hide this object
settings-object-unhide = Show this object again
settings-object-hide-confirm = Hide this object? Its records stay, but only administrators reach them until it is shown again.
settings-object-hide-help = A hidden object keeps its records; only administrators reach them.
settings-fields = Fields
settings-field-add = Add a field
settings-field-added = The field was added. It is in forms, lists, filters and the API now.
settings-field-label = Label
settings-type = Type
settings-flags = Options
settings-section = Section
settings-section-help = The heading the field is shown under on record pages. Pick one or type a new one; empty means “Details”.
settings-flag-required = Required
settings-flag-unique = Unique
settings-flag-indexed = Sortable
settings-flag-searchable = Searchable
settings-flag-read-only = Set by Rapport
settings-flag-indexed-long = Sortable (lists can be sorted and paged by it)
settings-flag-unique-long = Unique (no two records may have the same value)
settings-flag-searchable-long = Searchable (found by search)
settings-field-hide-confirm = Hide this field? Its values stay, but it is not shown or changed until shown again.
settings-label-field-stays = This field names the records, so it stays shown.

## Field types
settings-type-text = Text
settings-type-long-text = Long text
settings-type-integer = Whole number
settings-type-decimal = Decimal number
settings-type-currency = Money
settings-type-percent = Percentage
settings-type-boolean = Yes or no
settings-type-date = Date
settings-type-datetime = Date and time
settings-type-select = Choice
settings-type-multi-select = Several choices
settings-type-email = Email
settings-type-phone = Phone
settings-type-url = Web address
settings-type-social = Social profiles
settings-type-address = Address
settings-type-full-name = Full name
settings-type-rating = Rating
settings-type-relation = Link to a record
settings-type-attachment = File
settings-type-json = Structured data (JSON)
settings-type-formula = Formula
settings-type-rollup = Rollup
settings-type-unknown = Choose one of the types.
settings-detail-max-length = up to { $max } characters
settings-detail-range = from { $min } to { $max }
settings-detail-decimal = { $precision } digits, { $scale } after the point
settings-detail-scale = { $scale } digits after the point
settings-detail-multiple = several
settings-detail-rating = out of { $max }

## A new field
settings-field-new-title = New field in “{ $object }”
settings-field-create = Add field
settings-max-length = Longest text (characters)
settings-min = Smallest value
settings-max = Largest value
settings-min-above-max = The largest value must not be below the smallest.
settings-precision = Digits in all
settings-scale = Digits after the point
settings-rating-max = Highest rating
settings-multiple = Several values
settings-multiple-help = Several values each get a label and can be marked primary.
settings-target = Links to
settings-choose-target = Choose the object the field links to.
settings-options = Choices
settings-options-help = The label is what users see; the value is stored and used by programs. An empty value is made from the label.
settings-option-label = Label of choice { $n }
settings-option-value = Value of choice { $n }
settings-option-up = Move choice { $n } up
settings-option-down = Move choice { $n } down
settings-option-remove = Remove choice { $n }
settings-option-add = Add a choice
settings-options-needed = Add at least one choice.
settings-option-duplicate = Another choice has this value.
settings-options-save = Save the choices

## A field
settings-field-edit = Label and place
settings-field-about = What it holds
settings-field-fixed-help = The type and options of a field are fixed once it has data: make a new field to change them.

## Users
settings-users-all = All users
settings-user-name = Name
settings-user-email = Email
settings-user-roles = Roles
settings-active = Active
settings-inactive = Deactivated
settings-must-change = One-time password
settings-user-new = Add a user
settings-user-new-help = Rapport makes a one-time password to hand over; the user chooses their own at the first sign-in.
settings-user-create = Add user
settings-user-created = The user was added.
settings-email-taken = Another user already has this email.
settings-user-profile = Profile
settings-user-access = Roles and teams
settings-user-account = Account
settings-user-is-active = This user can sign in.
settings-user-is-inactive = This user is deactivated and cannot sign in.
settings-one-time-title = One-time password
settings-one-time-hint = Give this password to { $email } in person or by another channel than email. They must choose their own password when they first sign in.
settings-one-time-once = It is shown only now: it cannot be shown again, only replaced by a new one.
settings-password-reset = Give a new one-time password
settings-password-reset-confirm = Replace this user's password with a new one-time password? Their sessions end.
settings-password-reset-done = A new one-time password was made; the user's sessions ended.
settings-deactivate = Deactivate
settings-deactivate-confirm = Deactivate this user? They are signed out and cannot sign in until reactivated. Their records stay.
settings-deactivate-self-confirm = Deactivate your own account? You will be signed out.
settings-reactivate = Reactivate
settings-deactivate-help = A deactivated user keeps their records and history.

## Teams
settings-teams-all = All teams
settings-teams-empty = No teams yet.
settings-teams-none = No teams yet.
settings-teams-manage = Manage teams
settings-team-name = Team name
settings-team-members = Members
settings-team-new = New team
settings-team-create = Create team
settings-team-taken = Another team already has this name.

## Roles
settings-role-new = New role
settings-role-name = Role name
settings-role-admin-short = Administrator
settings-role-holders = Users
settings-role-holders-count = { $count ->
    [0] No user has this role.
    [one] One user has this role.
   *[other] { $count } users have this role.
}
settings-role-create = Create role
settings-role-taken = Another role already has this name.
settings-role-about = Role
settings-role-standard-help = A standard role: a starting point you may change.
settings-role-admin = Administrator
settings-role-admin-help = Administrators reach every record and field and manage settings, whatever the rules below say.
settings-role-objects = Records
settings-role-objects-help = How far each action reaches: no records, the user's own, their team's (and own), or all.
settings-role-other-objects = Other objects (and new ones)
settings-role-cell = { $object }: { $action }
settings-role-fields = Fields
settings-role-fields-help = Hidden fields are not shown, searched or exported; read-only ones are shown but not changed.
settings-role-limited = { $count ->
    [one] one field limited
   *[other] { $count } fields limited
}
settings-access = Access
settings-action-create = Create
settings-action-read = Read
settings-action-edit = Edit
settings-action-delete = Delete
settings-action-export = Export
settings-reach-none = None
settings-reach-own = Own
settings-reach-team = Team
settings-reach-all = All
settings-access-hidden = Hidden
settings-access-read-only = Read-only
settings-access-read-write = Read and write
settings-role-administrator = Administrator
settings-role-sales-manager = Sales manager
settings-role-sales-rep = Sales rep
settings-role-service-agent = Service agent
settings-role-marketing = Marketing
settings-role-read-only = Read-only

## Pipelines
settings-pipelines-all = All pipelines
settings-pipelines-empty = No pipelines yet. Opportunities need one.
settings-pipeline-default = Default
settings-pipeline-make-default = Make default
settings-pipeline-make-default-named = Make { $name } the default
settings-pipeline-new = New pipeline
settings-pipeline-name = Pipeline name
settings-pipeline-create = Create pipeline
settings-pipeline-rename = Rename
settings-pipeline-taken = Another pipeline already has this name.
settings-stage-count = { $count ->
    [0] no stages
    [one] one stage
   *[other] { $count } stages
}
settings-stages = Stages
settings-stages-empty = No stages yet.
settings-stage-new = New stage
settings-stage-add = Add stage
settings-stage-name = Stage name
settings-stage-probability = Probability (%)
settings-stage-kind = Kind
settings-stage-save-named = Save { $name }
settings-stage-kind-open = Open
settings-stage-kind-won = Won
settings-stage-kind-lost = Lost

## An object's behaviour
settings-behaviour = Behaviour
settings-behaviour-hint = Where the object shows and what it does: navigation, search, calendar, board, quick actions.
settings-behaviour-nothing = Nothing special: it is listed under “More”.
settings-behaviour-change = Change the behaviour
settings-behaviour-has-nav = In the navigation bar
settings-behaviour-has-calendar = On the calendar
settings-behaviour-has-board = Board
settings-behaviour-has-quick = Quick action
settings-behaviour-has-stages = Columns of boards (stages)
settings-behaviour-has-home = Lists on Home
settings-behaviour-has-files = Holds files
settings-behaviour-title = Behaviour of “{ $object }”
settings-behaviour-help = What you set here applies to everyone at once, with no code. Fields are chosen among the object's own.
settings-behaviour-nav = Navigation and search
settings-behaviour-nav-group = Place in the navigation
settings-behaviour-nav-main = In the bar
settings-behaviour-nav-more = Under “More”
settings-behaviour-nav-rank = Position in the navigation
settings-behaviour-nav-rank-help = Lower numbers come first; left empty, it comes after the others in the bar.
settings-behaviour-rank-help = Lower numbers come first.
settings-behaviour-search-rank = Order in search results
settings-behaviour-search-rank-help = Lower numbers are searched and shown first; objects without one follow, by name.
settings-behaviour-calendar = Calendar
settings-behaviour-calendar-on = Show its records on the calendar
settings-behaviour-calendar-needs-datetime = Add a date and time field to this object first.
settings-behaviour-calendar-start = Starts at
settings-behaviour-calendar-end = Ends at
settings-behaviour-calendar-duration = Lasts (seconds)
settings-behaviour-calendar-duration-help = A whole number field holding how long it lasts, in seconds. Without an end or a duration, a record is a moment, like a due time.
settings-behaviour-calendar-schedule = A free slot on the calendar makes one
settings-behaviour-calendar-schedule-help = Needs an end or a duration. The first such object in navigation order is the one made.
settings-behaviour-none = None
settings-behaviour-board = Board
settings-behaviour-board-on = Offer a board of its records
settings-behaviour-board-needs-field = A board has a column for each choice: add a choice field first.
settings-behaviour-board-default = Columns by
settings-behaviour-board-first = The first choice field
settings-behaviour-board-sum = Total of each column
settings-behaviour-board-home = Show each user's open records by column on Home
settings-behaviour-quick = Quick action
settings-behaviour-quick-help = A record's page offers to make one, linked to the record.
settings-behaviour-quick-on = Offer it on record pages
settings-behaviour-quick-rank = Position among the quick actions
settings-behaviour-quick-fields = Fields the form shows
settings-behaviour-quick-fields-needed = Tick at least one field.
settings-behaviour-need-datetime = Choose a date and time field.
settings-behaviour-need-integer = Choose a whole number field.
settings-behaviour-need-board-field = Choose a choice field, or a link to an object whose records are stages.
settings-behaviour-need-money = Choose a money field.
settings-behaviour-need-activity = Only activities have quick actions.
settings-behaviour-unknown-field = This field is not on the object, or it is hidden.
settings-behaviour-schedule-needs-end = To be made from a free slot, it needs an end or a duration.

## The time zone picker (settings' user pages and everyone's profile)
zone-utc = Coordinated Universal Time (UTC)
zone-region-utc = Universal
zone-region-europe = Europe
zone-region-asia = Asia
zone-region-africa = Africa
zone-region-america = The Americas
zone-region-australia = Australia
zone-region-pacific = Pacific
zone-region-atlantic = Atlantic
zone-region-indian = Indian Ocean
zone-region-antarctica = Antarctica
zone-region-arctic = Arctic
zone-region-other = Other
zone-unknown = Not a time zone Rapport knows: choose one from the list.

## Putting stages in order by dragging or by keys
settings-reorder-help = Drag a stage by its handle to move it, or focus the handle and press the up and down arrow keys. Then save the new order.
settings-reorder-handle = Move “{ $name }”
settings-reorder-moved = “{ $name }” is now { $place } of { $count }.
settings-reorder-unchanged = The stages are in their saved order.
settings-reorder-changed = The new order is not saved yet.
settings-order-save = Save order
settings-order-undo = Undo
settings-order-saved = The new order is saved.
settings-order-stale = The stages changed since this page was opened, so the order was not saved. Here they are as they are now: move them again.
