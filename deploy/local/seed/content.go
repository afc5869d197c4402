package seed

import (
	"context"
	"net/url"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Content sample (A3.1, A4): the five departments every other sample
// refers to, and six published items in Korean and English, one of them
// with an English translation left stale by a later Korean edit (A2).
// Creates carry request ids and workflow steps are skipped when already
// done, so loading twice changes nothing.
func init() { register(Step{Service: "content", Order: 10, Run: seedContent}) }

var seedDepartments = []map[string]any{
	{"code": "SMG-DIGITAL", "name_ko": "디지털정책과", "name_en": "Digital Policy Division", "phone": "02-2133-2921", "email": "digital@seoul.go.kr"},
	{"code": "SMG-CULTURE", "name_ko": "문화정책과", "name_en": "Culture Policy Division", "phone": "02-2133-2511", "email": "culture@seoul.go.kr"},
	{"code": "SMG-TRANSPORT", "name_ko": "교통정책과", "name_en": "Transport Policy Division", "phone": "02-2133-2221", "email": "transport@seoul.go.kr"},
	{"code": "SMG-CIVIL", "name_ko": "시민소통과", "name_en": "Citizen Communication Division", "phone": "02-2133-6411", "email": "civil@seoul.go.kr"},
	{"code": "SMG-WELFARE", "name_ko": "복지정책과", "name_en": "Welfare Policy Division", "phone": "02-2133-7311", "email": "welfare@seoul.go.kr"},
}

type seedItem struct {
	dept string
	body map[string]any
	// koEdit, when set, replaces the Korean title after publication and
	// leaves English untouched, so the English text is stale.
	koEdit string
}

var seedItems = []seedItem{
	{dept: "SMG-TRANSPORT", body: map[string]any{"request_id": "seed-item-bike", "kind": "KIND_LIVING", "slug": "ttareungyi-public-bike",
		"title":   map[string]string{"ko": "따릉이(서울 공공자전거) 이용 안내", "en": "Ttareungyi: Seoul Public Bike Guide"},
		"summary": map[string]string{"ko": "회원가입부터 대여·반납까지 따릉이 이용 방법을 안내합니다.", "en": "How to join, rent and return Seoul's public bikes."},
		"body":    map[string]string{"ko": "따릉이는 서울시 전역 2,700여 개 대여소에서 이용할 수 있습니다. 1시간권은 1,000원이며 앱에서 결제합니다.", "en": "Ttareungyi bikes are available at about 2,700 stations across Seoul. A one-hour pass costs 1,000 won and is paid in the app."},
		"tags":    []string{"자전거", "교통"}}},
	{dept: "SMG-CULTURE", body: map[string]any{"request_id": "seed-item-festival", "kind": "KIND_CULTURE", "slug": "seoul-street-arts-festival",
		"title":   map[string]string{"ko": "서울거리예술축제", "en": "Seoul Street Arts Festival"},
		"summary": map[string]string{"ko": "광화문광장과 서울광장에서 열리는 가을 거리예술축제입니다.", "en": "An autumn street arts festival at Gwanghwamun Square and Seoul Plaza."},
		"body":    map[string]string{"ko": "국내외 거리예술 단체의 공연을 무료로 관람할 수 있습니다.", "en": "Performances by street arts companies from Korea and abroad, free of charge."},
		"tags":    []string{"축제", "문화"}}},
	{dept: "SMG-WELFARE", body: map[string]any{"request_id": "seed-item-rent", "kind": "KIND_POLICY", "slug": "youth-monthly-rent-support",
		"title":   map[string]string{"ko": "청년월세 지원 사업 안내", "en": "Youth Monthly Rent Support"},
		"summary": map[string]string{"ko": "무주택 청년에게 월 최대 20만 원의 월세를 지원합니다.", "en": "Up to 200,000 won a month toward rent for young tenants without a home."},
		"body":    map[string]string{"ko": "만 19~39세 서울 거주 무주택 청년 1인 가구가 대상입니다. 서울주거포털에서 신청합니다."},
		"tags":    []string{"청년", "주거"}}},
	{dept: "SMG-DIGITAL", body: map[string]any{"request_id": "seed-item-smart-city", "kind": "KIND_WORK_PROGRESS", "slug": "smart-city-progress",
		"title":   map[string]string{"ko": "스마트도시 서울 추진 현황"},
		"summary": map[string]string{"ko": "공공 와이파이, 스마트 가로등 등 스마트도시 사업의 분기별 진행 상황입니다."},
		"body":    map[string]string{"ko": "올해 공공 와이파이 1,000곳 추가 설치 중 780곳을 완료했습니다."},
		"tags":    []string{"디지털", "스마트도시"}}},
	{dept: "SMG-CIVIL", koEdit: "120다산콜센터 이용 안내 (운영시간 변경)", body: map[string]any{"request_id": "seed-item-120", "kind": "KIND_OTHER", "slug": "dasan-call-center-120",
		"title":   map[string]string{"ko": "120다산콜센터 이용 안내", "en": "Dasan Call Center 120"},
		"summary": map[string]string{"ko": "서울시 생활 민원과 시정 안내를 전화 한 통으로 상담합니다.", "en": "One call for city information and everyday civil requests."},
		"tags":    []string{"민원", "상담"}}},
	{dept: "SMG-CULTURE", body: map[string]any{"request_id": "seed-item-hangang", "kind": "KIND_TOURISM", "slug": "hangang-park-summer",
		"title":   map[string]string{"ko": "한강공원 여름 나들이 안내", "en": "Hangang Parks in Summer", "ja": "漢江公園の夏のお出かけ案内", "zh-Hans": "汉江公园夏季游玩指南"},
		"summary": map[string]string{"ko": "수영장, 물놀이장, 야시장 등 한강공원의 여름 즐길 거리를 소개합니다.", "en": "Pools, water play areas and night markets in the Hangang parks."},
		"tags":    []string{"한강", "관광"}}},
}

// seedItemState is the part of an item the seed follows; submit and publish
// answer {"item": ...}, a create the item itself.
type seedItemState struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

type seedItemResp struct {
	Item seedItemState `json:"item"`
}

func seedContent(ctx context.Context, c *Client) error {
	admin, err := c.As(identity.Claims{Subject: "seed-admin", Roles: []identity.Role{identity.RoleAdmin}})
	if err != nil {
		return err
	}
	for _, d := range seedDepartments {
		if err := admin.Do(ctx, "PUT", "/v1/departments/"+d["code"].(string), d, nil); err != nil {
			return err
		}
	}
	for _, it := range seedItems {
		if err := seedPublish(ctx, c, it); err != nil {
			return err
		}
	}
	return nil
}

// seedPublish creates an item as an official of its department and moves
// it through review to publication.
func seedPublish(ctx context.Context, c *Client, it seedItem) error {
	official, err := c.As(identity.Claims{Subject: "seed-official-" + it.dept, Roles: []identity.Role{identity.RoleOfficial}, Department: it.dept})
	if err != nil {
		return err
	}
	body := map[string]any{"department_code": it.dept}
	for k, v := range it.body {
		body[k] = v
	}
	var out seedItemResp
	if err := official.Do(ctx, "POST", "/v1/items", body, &out.Item); err != nil {
		return err
	}
	id := out.Item.ID
	if out.Item.Status == "ITEM_STATUS_DRAFT" {
		if err := official.Do(ctx, "POST", "/v1/items/"+id+":submit", map[string]any{}, &out); err != nil {
			return err
		}
	}
	if out.Item.Status == "ITEM_STATUS_IN_REVIEW" {
		if err := official.Do(ctx, "POST", "/v1/items/"+id+":publish", map[string]any{}, &out); err != nil {
			return err
		}
	}
	if it.koEdit == "" {
		return nil
	}
	// A PATCH changes only what its body names: the English title stays
	// and goes stale, since the Korean reference changed.
	edit := map[string]any{"title": map[string]string{"ko": it.koEdit}}
	return official.Do(ctx, "PATCH", "/v1/items/"+id+"?change_note="+url.QueryEscape("운영시간 변경 반영"), edit, nil)
}
