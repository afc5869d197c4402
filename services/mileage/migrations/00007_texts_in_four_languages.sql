-- +goose Up
-- The point table's descriptions and the catalogue's names in four
-- languages (A2): each becomes a localized text (platform/localized:
-- Korean, the reference, with the Korean revision each translation was
-- made from). Korean and English move over as they were published; the
-- texts the ordinance's first table and catalogue were published with gain
-- their Chinese and Japanese translations (the Korean texts are unchanged,
-- so the translations are current).
ALTER TABLE earning_rules ADD COLUMN description jsonb;
UPDATE earning_rules SET description = jsonb_build_object(
    'texts', jsonb_strip_nulls(jsonb_build_object('ko', description_ko, 'en', nullif(description_en, ''))),
    'revision', 1, 'based_on', CASE WHEN description_en <> '' THEN '{"en": 1}'::jsonb ELSE '{}'::jsonb END);

UPDATE earning_rules r SET description = jsonb_build_object(
    'texts', (r.description -> 'texts') || jsonb_build_object('zh', t.zh, 'ja', t.ja),
    'revision', 1, 'based_on', (r.description -> 'based_on') || '{"zh": 1, "ja": 1}'::jsonb)
FROM (VALUES
    ('게시판 글 작성', '撰写公告板帖子', '掲示板への投稿'),
    ('댓글 작성', '发表评论', 'コメントの投稿'),
    ('콘텐츠 만족도 평가', '内容满意度评价', 'コンテンツの満足度評価'),
    ('민원 처리 완료(시정 참여)', '投诉处理完毕（参与市政）', '苦情（民願）の処理完了（市政参加）'),
    ('참여 이벤트 응모', '报名参与活动', '参加イベントへの応募'),
    ('참여 이벤트 경품(이벤트가 정한 포인트)', '参与活动奖品（由活动确定的积分）', '参加イベントの景品（イベントが定めたポイント）')
) AS t(ko, zh, ja)
WHERE r.description_ko = t.ko;

ALTER TABLE earning_rules ALTER COLUMN description SET NOT NULL,
    DROP COLUMN description_ko, DROP COLUMN description_en;

ALTER TABLE catalog_items ADD COLUMN name jsonb;
UPDATE catalog_items SET name = jsonb_build_object(
    'texts', jsonb_strip_nulls(jsonb_build_object('ko', name_ko, 'en', nullif(name_en, ''))),
    'revision', 1, 'based_on', CASE WHEN name_en <> '' THEN '{"en": 1}'::jsonb ELSE '{}'::jsonb END);

UPDATE catalog_items c SET name = jsonb_build_object(
    'texts', (c.name -> 'texts') || jsonb_build_object('zh', t.zh, 'ja', t.ja),
    'revision', 1, 'based_on', (c.name -> 'based_on') || '{"zh": 1, "ja": 1}'::jsonb)
FROM (VALUES
    ('교통카드 충전 (버스·지하철)', '交通卡充值（公交、地铁）', '交通カードのチャージ（バス・地下鉄）'),
    ('온라인 도서상품권 5,000원', '在线图书礼券 5,000韩元', 'オンライン図書商品券 5,000ウォン'),
    ('온라인 도서상품권 10,000원', '在线图书礼券 10,000韩元', 'オンライン図書商品券 10,000ウォン'),
    ('공공자전거 1일 이용권', '公共自行车一日票', '公共自転車1日利用券')
) AS t(ko, zh, ja)
WHERE c.name_ko = t.ko;

ALTER TABLE catalog_items ALTER COLUMN name SET NOT NULL,
    DROP COLUMN name_ko, DROP COLUMN name_en;

-- +goose Down
ALTER TABLE earning_rules ADD COLUMN description_ko text, ADD COLUMN description_en text NOT NULL DEFAULT '';
UPDATE earning_rules SET description_ko = description -> 'texts' ->> 'ko',
    description_en = coalesce(description -> 'texts' ->> 'en', '');
ALTER TABLE earning_rules ALTER COLUMN description_ko SET NOT NULL, DROP COLUMN description;

ALTER TABLE catalog_items ADD COLUMN name_ko text, ADD COLUMN name_en text NOT NULL DEFAULT '';
UPDATE catalog_items SET name_ko = name -> 'texts' ->> 'ko', name_en = coalesce(name -> 'texts' ->> 'en', '');
ALTER TABLE catalog_items ALTER COLUMN name_ko SET NOT NULL, DROP COLUMN name;
