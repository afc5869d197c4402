-- +goose Up
-- The public holiday table through 2030 (A6.2: the statutory clock never
-- counts a public holiday, and a complaint must never be refused because the
-- table ends). This writes the next version of the table: every holiday of
-- the version in force (including temporary holidays an admin declared), its
-- coverage extended to 2030-12-31, and the holidays of 2028, 2029 and 2030.
--
-- Sources, per year (the same rules and sources as version 1, 00002):
--  - Fixed days: 관공서의 공휴일에 관한 규정 (대통령령) 제2조 — 1월 1일, 3·1절,
--    어린이날, 현충일, 제헌절 (again a public holiday from 2026), 광복절,
--    개천절, 한글날, 기독탄신일; Sundays by 제2조 제1호 are not listed (the
--    clock treats every Sunday as one).
--  - Lunar days (설날 음력 1월 1일 and the days before and after, 부처님오신날
--    음력 4월 8일, 추석 음력 8월 15일 and the days before and after): the
--    Korean lunar calendar of 한국천문연구원 (KASI, 월력요항), which differs
--    from the Chinese one in some years (설날 2028 is 01-27 here, 01-26 in
--    China). 2028: 설날 01-27, 부처님오신날 05-02, 추석 10-03. 2029: 설날
--    02-13, 부처님오신날 05-20, 추석 09-22. 2030: 설날 02-03, 부처님오신날
--    05-09, 추석 09-12.
--  - Substitute holidays, 제3조: ① a 설날 or 추석 day on a Sunday or on
--    another holiday moves to the next day that is not a holiday (not on a
--    Saturday: 추석 2029-09-22 is a Saturday and gets none for it, its next
--    day 09-23 is a Sunday and does); ② 3·1절, 제헌절, 광복절, 개천절, 한글날,
--    어린이날, 부처님오신날 and 기독탄신일 on a Saturday, Sunday or another
--    holiday move likewise; ③ two substitutes never share a day. 1월 1일 and
--    현충일 take none. 2028-10-03 is both 추석 and 개천절, so it yields two
--    substitute days (10-05 for 추석, 10-06 for 개천절).
--  - Election days, 제2조 제10호 with 공직선거법 제34조 (the first Wednesday
--    from the 50th (National Assembly), 70th (President) or 30th (local)
--    day before the term ends, a week later when that day or the day before
--    or after is a holiday): 2028-04-12 the 23rd National Assembly election
--    (term ends 2028-05-29); 2030-03-27 the 22nd presidential election (term
--    ends 2030-06-03); 2030-06-12 the 10th local elections (term ends
--    2030-06-30; 06-05 moves a week because 06-06 is 현충일). No election
--    day falls in 2029. Elections caused by an early end of a term, and
--    temporary holidays (임시공휴일), are declared later: admins add them with
--    AmendHolidayTable.
INSERT INTO holiday_tables (version, covers_from, covers_to, source, reason, created_by)
SELECT version + 1, covers_from, greatest(covers_to, date '2030-12-31'),
       '관공서의 공휴일에 관한 규정 제2조·제3조; 공휴일에 관한 법률; 공직선거법 제34조; 한국천문연구원 월력요항 2028·2029·2030',
       'holidays of 2028, 2029 and 2030', 'migration'
  FROM holiday_tables ORDER BY version DESC LIMIT 1;

INSERT INTO holidays (version, day, name)
SELECT (SELECT max(version) FROM holiday_tables), day, name
  FROM holidays WHERE version = (SELECT max(version) - 1 FROM holiday_tables);

INSERT INTO holidays (version, day, name)
SELECT (SELECT max(version) FROM holiday_tables), v.day::date, v.name FROM (VALUES
('2028-01-01', '1월 1일'),
('2028-01-26', '설날 전날'),
('2028-01-27', '설날'),
('2028-01-28', '설날 다음날'),
('2028-03-01', '3·1절'),
('2028-04-12', '제23대 국회의원선거'),
('2028-05-02', '부처님오신날'),
('2028-05-05', '어린이날'),
('2028-06-06', '현충일'),
('2028-07-17', '제헌절'),
('2028-08-15', '광복절'),
('2028-10-02', '추석 전날'),
('2028-10-03', '추석·개천절'),
('2028-10-04', '추석 다음날'),
('2028-10-05', '대체공휴일(추석)'),
('2028-10-06', '대체공휴일(개천절)'),
('2028-10-09', '한글날'),
('2028-12-25', '기독탄신일'),
('2029-01-01', '1월 1일'),
('2029-02-12', '설날 전날'),
('2029-02-13', '설날'),
('2029-02-14', '설날 다음날'),
('2029-03-01', '3·1절'),
('2029-05-05', '어린이날'),
('2029-05-07', '대체공휴일(어린이날)'),
('2029-05-20', '부처님오신날'),
('2029-05-21', '대체공휴일(부처님오신날)'),
('2029-06-06', '현충일'),
('2029-07-17', '제헌절'),
('2029-08-15', '광복절'),
('2029-09-21', '추석 전날'),
('2029-09-22', '추석'),
('2029-09-23', '추석 다음날'),
('2029-09-24', '대체공휴일(추석)'),
('2029-10-03', '개천절'),
('2029-10-09', '한글날'),
('2029-12-25', '기독탄신일'),
('2030-01-01', '1월 1일'),
('2030-02-02', '설날 전날'),
('2030-02-03', '설날'),
('2030-02-04', '설날 다음날'),
('2030-02-05', '대체공휴일(설날)'),
('2030-03-01', '3·1절'),
('2030-03-27', '제22대 대통령선거'),
('2030-05-05', '어린이날'),
('2030-05-06', '대체공휴일(어린이날)'),
('2030-05-09', '부처님오신날'),
('2030-06-06', '현충일'),
('2030-06-12', '제10회 전국동시지방선거'),
('2030-07-17', '제헌절'),
('2030-08-15', '광복절'),
('2030-09-11', '추석 전날'),
('2030-09-12', '추석'),
('2030-09-13', '추석 다음날'),
('2030-10-03', '개천절'),
('2030-10-09', '한글날'),
('2030-12-25', '기독탄신일')
) AS v (day, name)
ON CONFLICT (version, day) DO NOTHING;

-- +goose Down
DELETE FROM holidays WHERE version = (SELECT max(version) FROM holiday_tables WHERE created_by = 'migration');
DELETE FROM holiday_tables WHERE version = (SELECT max(version) FROM holiday_tables WHERE created_by = 'migration');
