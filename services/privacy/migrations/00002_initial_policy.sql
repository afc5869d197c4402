-- +goose Up
-- The first version of the privacy policy (A10.3), so the homepage posts a
-- policy from its first start. Later versions are published through
-- PublishPolicy; published versions are never edited.
INSERT INTO policies (version, title_ko, title_en, body_ko, body_en, effective_from, published_by) VALUES (
'1.0',
'서울특별시 홈페이지 개인정보 처리방침',
'Seoul Metropolitan Government Homepage Privacy Policy',
$ko$서울특별시(이하 "시")는 홈페이지를 통하여 수집하는 개인정보를 소중히 다루며, 관련 법령과 「서울특별시 홈페이지 운영 조례」에 따라 다음과 같이 처리합니다.

1. 처리 목적: 게시판 실명 확인, 민원 처리와 회신, 참여 행사 경품 배송, 마일리지 적립·사용. 목적 외의 용도로는 이용하지 않습니다.
2. 처리 항목: 이름, 전화번호, 전자우편, 주소, 우편번호, 생년월일, 교통카드 번호, 계좌번호 중 각 서비스에 필요한 최소한의 항목.
3. 보관과 안전조치: 개인정보는 암호화하여 저장하며(주체별 데이터 키, 버전 관리되는 키 암호화 키), 열람은 역할과 목적에 따라 제한되고 모든 열람은 위·변조를 확인할 수 있는 접근기록에 남습니다.
4. 제3자 제공: 정보주체의 동의가 있거나, ① 법령에 따른 관계기관의 수사 요청, ② 특정 개인을 알아볼 수 없는 형태의 통계·학술연구, ③ 다른 법률이 정한 절차에 따른 요청인 경우에만 제공하며, 모든 제공 요청은 제공대장에 기록합니다.
5. 정보주체의 권리: 본인의 정보와 그 접근기록을 열람할 수 있고, 동의를 철회하거나 삭제를 요청할 수 있습니다. 삭제 시 데이터 키를 파기하여 백업을 포함한 모든 사본을 읽을 수 없게 합니다. 다만 법령에 따른 보존 의무(법적 보존조치)가 있는 경우는 예외로 합니다.
6. 개인정보 보호책임자: 서울특별시 개인정보 보호책임자(정보공개정책과), 문의 120 다산콜센터.$ko$,
$en$The Seoul Metropolitan Government ("the City") treats personal information collected through its homepage with care and processes it as follows, under the applicable laws and the Ordinance on the Operation of the Seoul Metropolitan Government Homepage.

1. Purposes: real-name verification on boards, handling and answering complaints, delivering participation-event prizes, earning and spending mileage. Data is not used for any other purpose.
2. Items: the minimum each service needs among name, phone number, e-mail, address, postal code, date of birth, transit card number and bank account number.
3. Retention and security: personal information is stored encrypted (a data key per person, wrapped by versioned key-encryption keys); access is limited by role and purpose, and every access is written to a tamper-evident access log.
4. Disclosure to third parties: only with the person's consent, or for (1) an investigation request from a competent body under law, (2) statistics or academic research in a form that identifies no one, or (3) a request under a procedure set by another law. Every request is recorded in the disclosure register.
5. Your rights: you may see your data and who accessed it, withdraw consent, and ask for erasure. Erasure destroys your data key, making every copy, backups included, unreadable, unless a legal hold required by law is recorded.
6. Privacy officer: the City's Chief Privacy Officer (Information Disclosure Policy Division); enquiries via the 120 Dasan Call Center.$en$,
'2025-01-01T00:00:00+09:00',
'system');

-- +goose Down
DELETE FROM policies WHERE version = '1.0';
