-- +goose Up
-- The terms of the service in four languages (A2): the title and every
-- clause become localized texts (platform/localized: Korean, the
-- reference, with the Korean revision each translation was made from).
-- Korean and English move over as they were published; version 1.0 gains
-- its Chinese and Japanese translations (its Korean text, the one users
-- accepted, is unchanged, so they are current).
ALTER TABLE terms ADD COLUMN title jsonb;

UPDATE terms SET title = jsonb_build_object(
    'texts', jsonb_strip_nulls(jsonb_build_object('ko', title_ko, 'en', nullif(title_en, ''))),
    'revision', 1, 'based_on', CASE WHEN title_en <> '' THEN '{"en": 1}'::jsonb ELSE '{}'::jsonb END);

UPDATE terms SET clauses = (
    SELECT coalesce(jsonb_agg(jsonb_build_object('number', c ->> 'Number', 'text', jsonb_build_object(
        'texts', jsonb_strip_nulls(jsonb_build_object('ko', c ->> 'TextKo', 'en', nullif(c ->> 'TextEn', ''))),
        'revision', 1,
        'based_on', CASE WHEN coalesce(c ->> 'TextEn', '') <> '' THEN '{"en": 1}'::jsonb ELSE '{}'::jsonb END))
        ORDER BY ord), '[]'::jsonb)
    FROM jsonb_array_elements(clauses) WITH ORDINALITY AS e(c, ord));

UPDATE terms SET title = jsonb_set(jsonb_set(title, '{texts}', (title -> 'texts') || jsonb_build_object(
        'zh', '首尔特别市网站电子邮件服务使用条款',
        'ja', 'ソウル特別市ホームページ電子メールサービス利用約款')),
    '{based_on}', (title -> 'based_on') || '{"zh": 1, "ja": 1}'::jsonb)
WHERE version = '1.0' AND title -> 'texts' ->> 'ko' = '서울특별시 홈페이지 전자우편 서비스 이용약관';

UPDATE terms SET clauses = (
    SELECT jsonb_agg(CASE WHEN t.number IS NULL OR c -> 'text' -> 'texts' ->> 'ko' <> t.ko THEN c
        ELSE jsonb_set(jsonb_set(c, '{text,texts}', (c -> 'text' -> 'texts') || jsonb_build_object('zh', t.zh, 'ja', t.ja)),
            '{text,based_on}', (c -> 'text' -> 'based_on') || '{"zh": 1, "ja": 1}'::jsonb) END ORDER BY ord)
    FROM jsonb_array_elements(clauses) WITH ORDINALITY AS e(c, ord)
    LEFT JOIN (VALUES
        ('1', '이 약관은 「서울특별시 인터넷 홈페이지 운영 활성화에 관한 조례」 제9조에 따라 시가 제공하는 전자우편 서비스의 이용에 필요한 사항을 정합니다.',
         '本条款依据《首尔特别市互联网网站运营活性化条例》第9条，规定使用本市提供的电子邮件服务所需的事项。',
         'この約款は、「ソウル特別市インターネットホームページ運営活性化に関する条例」第9条に基づき、市が提供する電子メールサービスの利用に必要な事項を定めます。'),
        ('2', '시는 소속 공무원과 본인 확인을 마친 시민에게 1인 1개의 전자우편 아이디를 제공할 수 있습니다.',
         '本市可向所属公务员及已完成本人确认的市民每人提供一个电子邮件账号。',
         '市は、所属公務員及び本人確認を終えた市民に、1人につき1つの電子メールIDを提供することができます。'),
        ('3', '이용자는 이 약관의 최신판에 동의한 후 서비스를 이용할 수 있으며, 약관을 준수하는 한 서비스를 이용할 권리를 가집니다.',
         '用户在同意本条款的最新版本后方可使用本服务，只要遵守本条款，即享有使用本服务的权利。',
         '利用者は、この約款の最新版に同意した後にサービスを利用でき、約款を守る限りサービスを利用する権利を有します。'),
        ('4', '이용자는 다음 행위를 하여서는 안 됩니다.',
         '用户不得有下列行为。',
         '利用者は、次の行為をしてはなりません。'),
        ('4.1', '광고성 정보 또는 대량의 전자우편을 전송하는 행위',
         '发送广告性信息或大量电子邮件的行为',
         '広告性の情報又は大量の電子メールを送信する行為'),
        ('4.2', '타인을 사칭하거나 타인의 개인정보를 무단으로 수집·전송하는 행위',
         '冒充他人或擅自收集、发送他人个人信息的行为',
         '他人になりすまし、又は他人の個人情報を無断で収集・送信する行為'),
        ('4.3', '악성 프로그램을 유포하거나 서비스 운영을 방해하는 행위',
         '散布恶意程序或妨碍服务运营的行为',
         '悪意のあるプログラムを流布し、又はサービスの運営を妨害する行為'),
        ('5', '시는 제4조를 위반한 아이디의 이용을 정지할 수 있으며, 정지 통지에는 근거 조항을 적습니다. 이용자는 정지에 대하여 이의를 신청할 수 있습니다.',
         '本市可停用违反第4条的账号，并在停用通知中注明所依据的条款。用户可对停用提出异议申请。',
         '市は、第4条に違反したIDの利用を停止することができ、停止の通知には根拠となる条項を記載します。利用者は、停止について異議を申し立てることができます。'),
        ('6', '민원 처리 상황, 처리기한 연장, 처리결과 등 법령에 따른 통지는 수신 거부할 수 없습니다. 그 밖의 안내는 언제든지 수신 거부할 수 있습니다.',
         '投诉处理进展、处理期限延长、处理结果等依法发出的通知不得拒收。其他通知可随时拒收。',
         '苦情（民願）の処理状況、処理期限の延長、処理結果など法令に基づく通知は受信を拒否できません。その他のお知らせはいつでも受信を拒否できます。'),
        ('7', '시민은 언제든지 자신의 아이디를 해지할 수 있습니다. 해지된 아이디의 주소는 다른 사람에게 다시 제공하지 않습니다.',
         '市民可随时注销自己的账号。已注销账号的地址不会再提供给他人。',
         '市民はいつでも自分のIDを解約することができます。解約されたIDのアドレスは、他の人に再び提供しません。')
    ) AS t(number, ko, zh, ja) ON t.number = c ->> 'number')
WHERE version = '1.0';

ALTER TABLE terms ALTER COLUMN title SET NOT NULL, DROP COLUMN title_ko, DROP COLUMN title_en;

-- +goose Down
ALTER TABLE terms ADD COLUMN title_ko text, ADD COLUMN title_en text;
UPDATE terms SET title_ko = title -> 'texts' ->> 'ko', title_en = coalesce(title -> 'texts' ->> 'en', ''),
    clauses = (SELECT coalesce(jsonb_agg(jsonb_build_object('Number', c ->> 'number',
        'TextKo', c -> 'text' -> 'texts' ->> 'ko', 'TextEn', coalesce(c -> 'text' -> 'texts' ->> 'en', '')) ORDER BY ord), '[]'::jsonb)
        FROM jsonb_array_elements(clauses) WITH ORDINALITY AS e(c, ord));
ALTER TABLE terms ALTER COLUMN title_ko SET NOT NULL, ALTER COLUMN title_en SET NOT NULL, DROP COLUMN title;
