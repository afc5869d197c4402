-- +goose Up
-- The privacy policy in four languages (A2, A10.3): title and body become
-- localized texts (platform/localized: Korean, the reference, with the
-- Korean revision each translation was made from). Korean and English move
-- over as they were published; version 1.0 gains its Chinese and Japanese
-- translations (the Korean text, the one in force, is unchanged).
ALTER TABLE policies ADD COLUMN title jsonb, ADD COLUMN body jsonb;

UPDATE policies SET
    title = jsonb_build_object('texts', jsonb_strip_nulls(jsonb_build_object('ko', title_ko, 'en', nullif(title_en, ''))),
        'revision', 1, 'based_on', CASE WHEN title_en <> '' THEN '{"en": 1}'::jsonb ELSE '{}'::jsonb END),
    body = jsonb_build_object('texts', jsonb_strip_nulls(jsonb_build_object('ko', body_ko, 'en', nullif(body_en, ''))),
        'revision', 1, 'based_on', CASE WHEN body_en <> '' THEN '{"en": 1}'::jsonb ELSE '{}'::jsonb END);

UPDATE policies SET
    title = title || jsonb_build_object(
        'texts', (title -> 'texts') || jsonb_build_object(
            'zh', '首尔特别市网站个人信息处理方针',
            'ja', 'ソウル特別市ホームページ個人情報処理方針'),
        'based_on', (title -> 'based_on') || '{"zh": 1, "ja": 1}'::jsonb),
    body = body || jsonb_build_object(
        'texts', (body -> 'texts') || jsonb_build_object(
'zh', $zh$首尔特别市（以下简称"本市"）珍视通过网站收集的个人信息，并依照相关法律及《首尔特别市网站运营条例》作如下处理。
1. 处理目的：公告板实名确认、投诉的处理与答复、参与活动奖品的配送、里程积分的累积与使用。不会用于上述目的以外的用途。
2. 处理项目：在姓名、电话号码、电子邮件、地址、邮政编码、出生日期、交通卡号码、银行账号中，仅处理各项服务所需的最少项目。
3. 保管与安全措施：个人信息经加密后保存（每位信息主体一个数据密钥，并由分版本管理的密钥加密密钥加密），查阅按角色和目的受到限制，所有查阅均记录在可检验是否被篡改的访问记录中。
4. 向第三方提供：仅在取得信息主体同意，或属于①有关机关依法提出的调查请求、②以无法识别特定个人的形式进行的统计或学术研究、③依其他法律规定的程序提出的请求时方可提供，所有提供请求均记入提供台账。
5. 信息主体的权利：您可以查阅本人的信息及其访问记录，可以撤回同意或请求删除。删除时将销毁数据密钥，使包括备份在内的所有副本均无法读取；但依法须保存（法定保存措施）的情形除外。
6. 个人信息保护负责人：首尔特别市个人信息保护负责人（信息公开政策课），咨询请拨打120茶山呼叫中心。$zh$,
'ja', $ja$ソウル特別市（以下「市」）は、ホームページを通じて収集する個人情報を大切に取り扱い、関係法令及び「ソウル特別市ホームページ運営条例」に従い、次のとおり処理します。
1. 処理目的：掲示板の実名確認、苦情（民願）の処理と回答、参加イベントの景品配送、マイレージの積立・利用。目的外の用途には利用しません。
2. 処理項目：氏名、電話番号、電子メール、住所、郵便番号、生年月日、交通カード番号、口座番号のうち、各サービスに必要な最小限の項目。
3. 保管と安全措置：個人情報は暗号化して保存し（情報主体ごとのデータ鍵、バージョン管理された鍵暗号化鍵）、閲覧は役割と目的により制限され、すべての閲覧は改ざんを検証できるアクセス記録に残ります。
4. 第三者提供：情報主体の同意がある場合、又は①法令に基づく関係機関の捜査の要請、②特定の個人を識別できない形での統計・学術研究、③他の法律が定める手続による要請の場合に限り提供し、すべての提供要請は提供台帳に記録します。
5. 情報主体の権利：ご本人の情報とそのアクセス記録を閲覧でき、同意の撤回又は削除を求めることができます。削除の際はデータ鍵を破棄し、バックアップを含むすべての写しを読めなくします。ただし、法令による保存義務（法的保存措置）がある場合を除きます。
6. 個人情報保護責任者：ソウル特別市個人情報保護責任者（情報公開政策課）、お問い合わせは120タサンコールセンターまで。$ja$),
        'based_on', (body -> 'based_on') || '{"zh": 1, "ja": 1}'::jsonb)
WHERE version = '1.0';

ALTER TABLE policies ALTER COLUMN title SET NOT NULL, ALTER COLUMN body SET NOT NULL;

-- +goose Down
ALTER TABLE policies DROP COLUMN title, DROP COLUMN body;
