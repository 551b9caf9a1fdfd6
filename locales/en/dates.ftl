# Dates and durations (src/views/dates.ts); month names come from Intl.
date-this-year = { $monthName } { $day }, { $time }
date-other-year = { $monthName } { $day }, { $year }, { $time }
time-left-days = { $days } d { $hours } h
time-left-hours = { $hours } h { $minutes } min
time-left-days-only = { $days } d
time-left-hours-only = { $hours } h
time-left-minutes = { $minutes } min
