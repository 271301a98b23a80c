## Kanban board
kanban-title = { $object }: board
kanban-list-view = List view
kanban-by = Columns by
kanban-help = Drag a card to another column (on a touch screen, press and hold it first), or focus a card and press ← or →, or choose a column in its “Move to” menu.
kanban-move-to = Move to
kanban-no-value = No value
kanban-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
kanban-more = { $count ->
    [one] { $count } more in the list
   *[other] { $count } more in the list
}
kanban-column-empty = Nothing here.
kanban-no-match = No records match this search or filter. Clear the search or the filter to see the whole board.
kanban-no-field = { $object }: there is no choice field to make a board of. An administrator can add a select field in Settings.
kanban-unknown-by = “{ $by }” is not a choice field of { $object }. A board can be made by: { $fields }.
kanban-unknown-pipeline = There is no pipeline “{ $group }”. Choose one of: { $groups }.
kanban-no-pipelines = There are no pipelines yet. An administrator can create one, with its stages, in Settings.
kanban-no-stages = This pipeline has no stages yet. An administrator can add them in Settings.
kanban-no-options = The field “{ $field }” has no options yet. An administrator can add them in Settings.
kanban-unknown-column = “{ $value }” is not a column of this board. Nothing was changed.
kanban-moved = Moved “{ $record }” to { $column }.
kanban-conflict = Someone else changed this record after the board was loaded, so it was not moved. The board now shows it as it is saved.
kanban-forbidden = You may not move this record: your role does not let you change it. Nothing was changed.
kanban-gone = This record no longer exists or is not shared with you. Nothing was changed.
kanban-refused = The move was refused: { $reason } Nothing was changed.
kanban-column = Column
kanban-move = Move
kanban-empty = { $object }: nothing here yet. Make the first one and it appears in its column.
kanban-owner = Owner
kanban-days = { $days ->
    [0] Since today
    [one] { $days } day here
   *[other] { $days } days here
}
kanban-days-title = { $days ->
    [0] Entered this column today
    [one] In this column for { $days } day
   *[other] In this column for { $days } days
}
kanban-rotting = Rotting
kanban-rotting-why = { $days ->
    [one] no move for more than { $days } day
   *[other] no move for more than { $days } days
}
kanban-column-rotting = { $count } rotting
kanban-next = Next activity
kanban-today-at = Today, { $time }
kanban-overdue = overdue
kanban-no-activity = No activity planned
kanban-stage-rotting = Rotting after (days)
kanban-stage-rotting-help = A record left in this stage longer is highlighted as rotting. Leave empty for never.
