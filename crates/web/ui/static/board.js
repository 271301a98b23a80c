// Drag and drop for the kanban board and the calendar (pointer events, with a keyboard alternative).
"use strict";
