# Dates and durations (src/views/dates.ts); month names come from Intl.
date-this-year = { $month }月{ $day }日 { $time }
date-other-year = { $year }年{ $month }月{ $day }日 { $time }
time-left-days = { $days }天{ $hours }小时
time-left-hours = { $hours }小时{ $minutes }分钟
time-left-days-only = { $days }天
time-left-hours-only = { $hours }小时
time-left-minutes = { $minutes }分钟
