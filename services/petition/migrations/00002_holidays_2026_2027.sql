-- +goose Up
-- Version 1 of the public holiday table, complete for 2026 and 2027.
--
-- Source: 관공서의 공휴일에 관한 규정 (대통령령) 제2조 (공휴일) and 제3조
-- (대체공휴일); 공휴일에 관한 법률; lunar dates (설날, 부처님오신날, 추석)
-- from 한국천문연구원 월력요항 2026 and 2027 as announced by the Ministry of
-- the Interior and Safety / 인사혁신처. Sundays are holidays by 제2조 제1호
-- and are not listed (the clock treats every Sunday as one).
--
-- Substitute holidays (제3조): 설날/추석 holidays falling on a Sunday (or on
-- another holiday) move to the next non-holiday; 어린이날, the national days
-- and, since 2023, 부처님오신날 and 기독탄신일 also move when they fall on
-- a Saturday. 현충일 and 1월 1일 never do.
-- 제헌절 is a public holiday again from 2026 (공휴일에 관한 법률 amended,
-- cabinet decision of 2026-02-03, 관공서 규정 amended as follow-up); like
-- the other national days it takes a substitute day (2027-07-19).
-- 2026-06-03 is the 9th nationwide local elections (임기만료에 의한 선거,
-- 제2조 제10호). No election day falls in 2027.
-- Temporary holidays declared later (임시공휴일) are added by admins through
-- AmendHolidayTable, which writes version 2, 3, ...
INSERT INTO holiday_tables (version, covers_from, covers_to, source, reason, created_by) VALUES
(1, '2026-01-01', '2027-12-31',
 '관공서의 공휴일에 관한 규정 제2조·제3조; 공휴일에 관한 법률; 한국천문연구원 월력요항 2026·2027',
 'initial table for 2026 and 2027', 'migration');

INSERT INTO holidays (version, day, name) VALUES
(1, '2026-01-01', '1월 1일'),
(1, '2026-02-16', '설날 전날'),
(1, '2026-02-17', '설날'),
(1, '2026-02-18', '설날 다음날'),
(1, '2026-03-01', '3·1절'),
(1, '2026-03-02', '대체공휴일(3·1절)'),
(1, '2026-05-05', '어린이날'),
(1, '2026-05-24', '부처님오신날'),
(1, '2026-05-25', '대체공휴일(부처님오신날)'),
(1, '2026-06-03', '제9회 전국동시지방선거'),
(1, '2026-06-06', '현충일'),
(1, '2026-07-17', '제헌절'),
(1, '2026-08-15', '광복절'),
(1, '2026-08-17', '대체공휴일(광복절)'),
(1, '2026-09-24', '추석 전날'),
(1, '2026-09-25', '추석'),
(1, '2026-09-26', '추석 다음날'),
(1, '2026-10-03', '개천절'),
(1, '2026-10-05', '대체공휴일(개천절)'),
(1, '2026-10-09', '한글날'),
(1, '2026-12-25', '기독탄신일'),
(1, '2027-01-01', '1월 1일'),
(1, '2027-02-06', '설날 전날'),
(1, '2027-02-07', '설날'),
(1, '2027-02-08', '설날 다음날'),
(1, '2027-02-09', '대체공휴일(설날)'),
(1, '2027-03-01', '3·1절'),
(1, '2027-05-05', '어린이날'),
(1, '2027-05-13', '부처님오신날'),
(1, '2027-06-06', '현충일'),
(1, '2027-07-17', '제헌절'),
(1, '2027-07-19', '대체공휴일(제헌절)'),
(1, '2027-08-15', '광복절'),
(1, '2027-08-16', '대체공휴일(광복절)'),
(1, '2027-09-14', '추석 전날'),
(1, '2027-09-15', '추석'),
(1, '2027-09-16', '추석 다음날'),
(1, '2027-10-03', '개천절'),
(1, '2027-10-04', '대체공휴일(개천절)'),
(1, '2027-10-09', '한글날'),
(1, '2027-10-11', '대체공휴일(한글날)'),
(1, '2027-12-25', '기독탄신일'),
(1, '2027-12-27', '대체공휴일(기독탄신일)');

-- +goose Down
DELETE FROM holidays WHERE version = 1;
DELETE FROM holiday_tables WHERE version = 1;
