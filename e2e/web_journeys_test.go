package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// TestWebHomepage drives the homepage in a real browser through the four
// main citizen journeys (information, boards, Ask the Mayor, my data with
// points and events) and the staff's complaint and moderation journeys,
// then opens every page no journey reached; axe-core checks each page
// (WCAG 2.2 AA / KWCAG 2.2), and the test fails if a page of the site went
// unchecked. Subjects start with web-.
func TestWebHomepage(t *testing.T) {
	s := suite(t)
	require.NoError(t, s.seedErr)
	cov := newCoverage()
	w := &webJourneys{s: s, cov: cov}
	w.event = w.openWebEvent(t)
	// The event's entry period runs on the wall clock from the start, so
	// its journey comes first; its draw is verified last, once it closed.
	t.Run("A7_3_A10_citizen_enters_an_event_and_erases_the_data", w.enterEvent)
	t.Run("A4_2_citizen_finds_information_by_department_and_language", w.information)
	t.Run("A5_0_citizen_posts_edits_and_withdraws_on_a_board", w.board)
	t.Run("A6_2_citizen_files_a_complaint_by_keyboard_only", w.fileComplaint)
	t.Run("A6_2_staff_dispatch_extend_answer_and_the_citizen_rates", w.staffComplaint)
	t.Run("A5_staff_remove_on_a_ground_and_appeal_to_another_moderator", w.moderation)
	t.Run("A10_A8_my_data_and_points", w.myData)
	t.Run("A4_staff_content_privacy_and_admin_pages", w.staffPages)
	t.Run("A7_3_draw_verified_in_the_page", w.drawVerified)
	t.Run("every_page_checked_by_axe", func(t *testing.T) {
		require.Empty(t, cov.missing(), "pages no journey opened (add them to a journey or to staffPages)")
	})
}

// webJourneys carries what one journey leaves for the next.
type webJourneys struct {
	s   *Suite
	cov *coverage
	// complaintID is the complaint the keyboard journey filed.
	complaintID string
	// event is the path (/v1/participation-events/{id}) of an event open
	// for entries while the journeys run.
	event string
	// eventEnds is when its entry period ends.
	eventEnds time.Time
}

// webEventWindow is the entry period of the journeys' event: long enough
// to enter it through the browser on a loaded machine.
const webEventWindow = 60 * time.Second

// openWebEvent creates, announces and opens a participation event for the
// event journey, through the edge as its department would.
func (w *webJourneys) openWebEvent(t *testing.T) string {
	admin := w.s.Client(t, identity.Claims{Subject: "web-admin", Roles: []identity.Role{identity.RoleAdmin}})
	r := admin.Do(t, "PUT", "/v1/participation-event-budgets/2035", map[string]any{"amount": 1000000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	official := w.s.Client(t, identity.Claims{Subject: "web-digital", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	starts := time.Now().Add(entryLead)
	w.eventEnds = starts.Add(webEventWindow)
	draft := eventDraftEnding(starts, w.eventEnds)
	draft["operating_details"].(map[string]any)["draw_time"] = w.eventEnds.Add(time.Second).UTC().Format(time.RFC3339Nano)
	draft["title"] = map[string]string{"ko": "웹 정책 퀴즈", "en": "Web policy quiz"}
	return openEvent(t, official, "web-event-1", draft)
}

// information (A3.1, A4.1, A4.2, A2): the home page by department, Korean
// search, an item with its department, contact and review date, the
// content language switch with a stale translation marked, and the
// interface in English.
func (w *webJourneys) information(t *testing.T) {
	b := newBrowser(t, w.cov)
	b.open("/")
	require.Contains(t, b.text("main"), "부서별 최신 정보")
	require.Equal(t, "ko", b.eval(`document.documentElement.lang`))

	b.fill("#search-q", "따릉이")
	b.navigate(chromedp.Submit(chromedp.CSS("#search-q")))
	require.Contains(t, b.path(), "/search?q=")
	require.Contains(t, b.text("main .list"), "따릉이")
	b.follow(`main .list a.title`)
	facts := b.text("#item-dept + dl")
	require.Contains(t, facts, "교통정책과", "A4.2: the responsible department")
	require.Contains(t, facts, "02-2133-2221", "A4.2: its contact")
	require.Regexp(t, `최종 검토일\s+20\d\d년`, facts, "A4.1: the last review date")

	b.open("/items/dasan-call-center-120?lang=en")
	require.Contains(t, b.text("article .warning"), "번역", "A2: the stale English translation is marked and Korean served")
	require.Contains(t, b.text(`nav[aria-labelledby="item-langs"]`), "번역이 최신이 아님")
	b.follow(`a[href^="/departments/"]`)
	require.Contains(t, b.text("main"), "시민소통과")

	b.follow(`a.lang`) // the interface in English, back on the same page
	require.Equal(t, "en", b.eval(`document.documentElement.lang`))
	require.Contains(t, b.text(".skip"), "Skip to main content")
	b.follow(`a.lang`)
	require.Equal(t, "ko", b.eval(`document.documentElement.lang`))

	// On a phone (WCAG 1.4.10): nothing scrolls sideways but the tables' own boxes.
	b.run(chromedp.EmulateViewport(375, 812))
	for _, p := range []string{"/", "/items/ttareungyi-public-bike", "/boards"} {
		b.open(p)
		require.Equal(t, "fits", b.eval(`document.documentElement.scrollWidth <= window.innerWidth ? "fits" : "scrolls"`), p)
	}
}

// board (A3.1.4, A5, A5.0): a refused post comes back with each field
// marked and explained in Korean and nothing stored; a post is published,
// edited and withdrawn; the board shows the seeded removal as a tombstone
// with its ground, and the public record and report list it.
func (w *webJourneys) board(t *testing.T) {
	b := newBrowser(t, w.cov)
	boardPath := w.firstBoard(b, "web-citizen-1")
	require.Contains(t, b.text(".tombstone"), "조례 제5조 제6호", "A5.0: the removed post's tombstone names its ground")
	before := w.postCount(t, boardPath)

	require.Equal(t, http.StatusBadRequest, b.submit(`form[action$="/posts"] button[type=submit]`))
	b.requireKoreanError("post", "title")
	b.requireKoreanError("post", "body")
	require.Equal(t, before, w.postCount(t, boardPath), "a refused post stores nothing")

	b.fill("#post-title", "웹에서 쓴 제안")
	b.fill("#post-body", "공공자전거 대여소를 망원동에도 설치해 주세요.")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/posts"] button[type=submit]`))
	require.Contains(t, b.text("h1"), "웹에서 쓴 제안")
	require.Contains(t, b.text(".notice"), "등록")
	require.Equal(t, before+1, w.postCount(t, boardPath))

	b.follow(`a[href$="/edit"]`)
	b.fill("#edit-title", "웹에서 고친 제안")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/edit"] button[type=submit]`))
	require.Contains(t, b.text("h1"), "웹에서 고친 제안")
	require.Contains(t, b.text(".body-text"), "망원동", "an edit of the title keeps the body")

	require.Equal(t, http.StatusOK, b.submit(`form[action$="/withdraw"] button`))
	require.Contains(t, b.text("h1"), "작성자가 삭제한 글")

	b.open("/moderation/log")
	require.Contains(t, b.text("main table"), "A5.6", "A5.0: the public record names the ground")
	b.open("/moderation/report")
	require.Contains(t, b.text("main table"), "제5조")
}

// firstBoard signs a citizen in and opens the first board from the list;
// it returns the board's path.
func (w *webJourneys) firstBoard(b *browser, citizen string) string {
	b.signIn("citizen", citizen, "", true)
	b.open("/boards")
	b.follow(`main .cards a[href^="/boards/"]`)
	return b.path()
}

// postCount counts a board's posts through the edge.
func (w *webJourneys) postCount(t *testing.T, boardPath string) int {
	id := strings.TrimPrefix(boardPath, "/boards/")
	return len(allPages[map[string]any](t, w.s.Public().getter(t), "/v1/boards/"+id+"/posts?page_size=100", "posts"))
}

// fileComplaint (A6.2, WCAG 2.1.1): a citizen sees the statutory due date
// of each kind of complaint before filing, and files one with the
// keyboard alone — skip link, Tab, arrow keys, typing, Space, Enter; a
// refused submission marks the fields in Korean and stores nothing; the
// filed complaint shows its receipt number and due date.
func (w *webJourneys) fileComplaint(t *testing.T) {
	b := newBrowser(t, w.cov)
	b.signIn("citizen", "web-citizen-2", "", true)
	b.open("/complaints/new")
	require.Regexp(t, `고충민원\s+7d\s+20\d\d년`, b.text("main table"), "A6.2: the due date if filed now, before filing")
	mine := w.complaintCount(t, "web-citizen-2")

	b.press(kb.Tab)
	require.Equal(t, "a", b.focused(), "the first Tab reaches the skip link")
	require.Contains(t, b.eval(`document.activeElement.className`), "skip")
	b.requireFocusVisible()
	b.press(kb.Enter)
	require.Equal(t, "main", b.focused(), "the skip link moves the focus to the main content")

	b.tabTo("complaint-complaint_type", 10)
	b.press(kb.ArrowDown) // the first kind of complaint
	b.tabTo("complaint-title", 3)
	require.Equal(t, http.StatusBadRequest, b.navigate(chromedp.KeyEvent(kb.Enter)), "Enter submits the form")
	b.requireKoreanError("complaint", "title")
	b.requireKoreanError("complaint", "body")
	b.requireKoreanError("complaint", "contact.name")
	require.Equal(t, mine, w.complaintCount(t, "web-citizen-2"), "a refused complaint stores nothing")

	b.tabTo("complaint-title", 40)
	b.press("교통 신호 민원")
	b.tabTo("complaint-body", 3)
	b.press("시청역 앞 횡단보도 신호가 너무 짧습니다.")
	b.tabTo("complaint-contact.name", 6)
	b.press("한웹시")
	b.tabTo("complaint-contact.phone", 2)
	b.press("010-5555-1234")
	b.tabTo("complaint-publish_consent", 4)
	b.press(" ")
	b.press(kb.Tab)
	require.Equal(t, "button", b.focused(), "Tab reaches the submit button")
	b.requireFocusVisible()
	require.Equal(t, http.StatusOK, b.navigate(chromedp.KeyEvent(kb.Enter)))
	notice := b.text(".notice")
	require.Regexp(t, `접수번호 SMG-\d{4}-\d+`, notice, "A6.2: the receipt number after filing")
	require.Contains(t, notice, "처리 기한", "A6.2: the due date after filing")
	require.Regexp(t, `처리 기한\s+20\d\d년`, b.text("main dl.facts"))
	w.complaintID = strings.TrimPrefix(b.path(), "/complaints/")
	require.Equal(t, mine+1, w.complaintCount(t, "web-citizen-2"))
	require.NotContains(t, b.text("main"), "010-5555-1234", "A10.1: the page shows the phone masked")
}

// complaintCount counts a citizen's complaints through the edge.
func (w *webJourneys) complaintCount(t *testing.T, subject string) int {
	c := w.s.Client(t, identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	return len(allPages[map[string]any](t, c.getter(t), "/v1/complaints?page_size=100", "complaints"))
}

// staffComplaint (A6.2): the Mayor's office opens the new complaint and
// transfers it to the transport department; there it is in the queue
// ordered by due date with the clock; a bad extension is refused in
// Korean, a good one moves the due date; the answer reaches the citizen,
// who rates it.
func (w *webJourneys) staffComplaint(t *testing.T) {
	require.NotEmpty(t, w.complaintID, "the keyboard journey filed a complaint")
	b := newBrowser(t, w.cov)
	b.signIn("official", "web-mayor-office", "SMG-CIVIL", false)
	b.open("/staff")
	b.follow(`a[href="/staff/complaints"]`)
	b.fill("#open-id", w.complaintID)
	b.navigate(chromedp.Submit(chromedp.CSS("#open-id")))
	require.Equal(t, "/staff/complaints/"+w.complaintID, b.path())
	b.run(chromedp.SetValue(chromedp.CSS("#transfer-to_department_code"), "SMG-TRANSPORT"))
	b.fill("#transfer-reason", "교통 신호 소관 부서")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/transfer"] button`))
	b.signOut()

	b.signIn("official", "web-transport", "SMG-TRANSPORT", false)
	b.open("/staff/complaints")
	queue := b.text("main table")
	require.Contains(t, queue, "교통 신호 민원")
	require.Regexp(t, `\d+(일|시간) (남음|지남)`, queue, "the clock of each complaint")
	w.requireDueOrder(t, b)
	b.follow(`main table a[href="/staff/complaints/` + w.complaintID + `"]`)
	dueBefore := b.eval(`document.getElementById("due-at").getAttribute("datetime")`)

	b.fill("#extend-period", "사흘")
	b.fill("#extend-reason", "현장 확인 필요")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action$="/extend"] button`))
	b.requireKoreanError("extend", "period")
	b.fill("#extend-period", "3d")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/extend"] button`))
	require.Contains(t, b.text("main"), "현장 확인 필요", "the extension and its reason")
	require.Greater(t, b.eval(`document.getElementById("due-at").getAttribute("datetime")`), dueBefore, "the due date moved later")

	b.fill("#answer-body", "다음 주까지 보행 신호 시간을 5초 늘리겠습니다.")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/answer"] button`))
	b.signOut()

	b.signIn("citizen", "web-citizen-2", "", true)
	b.open("/complaints")
	b.follow(`main table a[href="/complaints/` + w.complaintID + `"]`)
	require.Contains(t, b.text("main"), "보행 신호 시간을 5초", "the citizen reads the answer")
	require.Contains(t, b.text("main"), "현장 확인 필요", "and the extension with its reason")
	b.run(chromedp.Click(chromedp.CSS(`input[name="satisfaction"][value="5"]`)))
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/rate"] button`))
	require.Contains(t, b.text("main"), "평가: 5점")
}

// requireDueOrder checks the queue lists complaints earliest due first.
func (w *webJourneys) requireDueOrder(t *testing.T, b *browser) {
	times := b.eval(`Array.from(document.querySelectorAll("main table tbody time")).map(e => e.getAttribute("datetime")).join("|")`)
	var prev time.Time
	for _, s := range strings.Split(times, "|") {
		due, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err, s)
		require.False(t, due.Before(prev), "queue order: %s after %s", due, prev)
		prev = due
	}
}

// moderation (A5, A5.0): a post the screening flags and a citizen reports
// reaches the queue with its evidence; removing it without a ground is
// refused in Korean and changes nothing; removed under A5.6 it becomes a
// public tombstone in the board and the public record; the author
// appeals; the moderator who removed cannot decide the appeal, another
// reverses it and the post is back.
func (w *webJourneys) moderation(t *testing.T) {
	b := newBrowser(t, w.cov)
	boardPath := w.firstBoard(b, "web-citizen-5")
	b.fill("#post-title", "웹 민원 응대 불만")
	b.fill("#post-body", "담당자 ㅅㅣ 발 일 좀 제대로 하세요")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/posts"] button[type=submit]`))
	postPath := b.path()
	b.signOut()

	b.signIn("citizen", "web-citizen-6", "", true)
	b.open(postPath)
	b.run(chromedp.Click(chromedp.CSS("details.panel > summary")), chromedp.SetValue(chromedp.CSS("#report-ground"), "A5.6"))
	b.fill("#report-text", "욕설이 있습니다")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/report"] button`))
	require.Contains(t, b.text(".notice"), "신고")
	b.signOut()

	b.signIn("moderator", "web-mod-1", "SMG-CIVIL", false)
	b.open("/staff/moderation")
	b.follow(`main table a[href="/staff/moderation` + strings.Replace(postPath, "/posts/", "/post/", 1) + `"]`)
	evidence := b.text("main")
	require.Contains(t, evidence, "욕설이 있습니다", "the citizen's report")
	require.Contains(t, evidence, "A5.6")
	b.run(chromedp.Click(chromedp.CSS(`input[name="outcome"][value="OUTCOME_REMOVE"]`)))
	b.fill("#decide-public_explanation", "욕설이 있어 조례 제5조 제6호에 따라 삭제합니다.")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action^="/staff/moderation/post/"] button`))
	b.requireKoreanError("decide", "ground")
	require.Equal(t, "ITEM_STATUS_VISIBLE", w.postStatus(t, postPath), "a refused decision changes nothing")
	b.run(chromedp.SetValue(chromedp.CSS("#decide-ground"), "A5.6"))
	b.fill("#decide-facts", "신고 1건, 자동 탐지(욕설)")
	require.Equal(t, http.StatusOK, b.submit(`form[action^="/staff/moderation/post/"] button`))
	b.signOut()

	b.open(boardPath)
	require.Contains(t, b.text("main .list"), "욕설이 있어 조례 제5조 제6호에 따라 삭제합니다.", "A5.0: the tombstone on the board")
	b.open(postPath)
	require.Contains(t, b.text(".tombstone"), "A5.6")
	require.NotContains(t, b.text("main"), "ㅅㅣ 발", "the public no longer sees the text")

	b.signIn("citizen", "web-citizen-5", "", true)
	b.open(postPath)
	b.fill("#appeal-reason", "비판이었을 뿐 욕설이 아닙니다.")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/appeal"] button`))
	b.signOut()

	b.signIn("moderator", "web-mod-1", "SMG-CIVIL", false)
	b.open("/staff/moderation/appeals")
	w.decideAppeal(t, b, "reverse", "다시 보니 비판의 범위입니다.")
	require.True(t, b.has(".error-summary"), "the moderator who removed may not decide the appeal")
	b.signOut()
	b.signIn("moderator", "web-mod-2", "SMG-CIVIL", false)
	b.open("/staff/moderation/appeals")
	require.Equal(t, http.StatusOK, w.decideAppeal(t, b, "reverse", "다시 보니 비판의 범위입니다."))
	require.Equal(t, "ITEM_STATUS_VISIBLE", w.postStatus(t, postPath), "the reversed removal restores the post")
}

// decideAppeal decides the first appeal on the page about the moderation
// journey's post.
func (w *webJourneys) decideAppeal(t *testing.T, b *browser, decision, resolution string) int {
	form := b.eval(`(function(){ for (const s of document.querySelectorAll("main section.panel")) {
	  if (s.textContent.includes("비판이었을 뿐")) return s.querySelector("form").getAttribute("action"); } return "" })()`)
	require.NotEmpty(t, form, "the appeal is listed")
	sel := `form[action="` + form + `"]`
	b.run(chromedp.Click(chromedp.CSS(sel+` input[name="decision"][value="`+decision+`"]`)),
		chromedp.SetValue(chromedp.CSS(sel+` textarea[name="resolution"]`), resolution))
	return b.submit(sel + " button")
}

// postStatus reads a post's status through the edge, as its author.
func (w *webJourneys) postStatus(t *testing.T, postPath string) string {
	c := w.s.Client(t, identity.Claims{Subject: "web-citizen-5", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	r := c.Do(t, "GET", "/v1"+postPath, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var p struct {
		Status string `json:"status"`
	}
	r.JSON(t, &p)
	return p.Status
}

// myData (A10.1, A10.2, A8.2, A8.3): a citizen's data shown masked (never
// in plaintext), who read it and why; points with their lots and expiry, a
// bad redemption refused in Korean with nothing spent; the point rules;
// another citizen gives a consent and withdraws it.
func (w *webJourneys) myData(t *testing.T) {
	b := newBrowser(t, w.cov)
	b.signIn("citizen", "citizen-kim", "", true)
	b.open("/my")
	kept := b.text(`section[aria-labelledby="kept-h"]`)
	require.Contains(t, kept, "010-****-6789", "A10.1: the phone, masked")
	require.NotContains(t, b.text("main"), "010-2345-6789", "A10.1: never in plaintext")
	require.Contains(t, b.text(`section[aria-labelledby="log-h"]`), "민원 처리", "who read it, and why")

	b.open("/points")
	require.Regexp(t, `\d+점`, b.text("main dl.facts"))
	require.Regexp(t, `20\d\d년`, b.text("main table"), "A8.2: each lot with its expiry")
	spent := w.redemptionCount(t)
	b.run(chromedp.SetValue(chromedp.CSS("#redeem-item_id"), "transit-topup"))
	b.fill("#redeem-points", "천 점")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action="/points/redeem"] button`))
	b.requireKoreanError("redeem", "points")
	b.fill("#redeem-points", "1000")
	b.fill("#redeem-transit_card_number", "12")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action="/points/redeem"] button`))
	b.requireKoreanError("redeem", "transit_card_number")
	require.Equal(t, spent, w.redemptionCount(t), "a refused redemption spends nothing")
	b.follow(`a[href="/points/rules"]`)
	require.Contains(t, b.text("main"), "유효기간", "A8.3: the rules posted")
	b.signOut()

	b.signIn("citizen", "web-citizen-3", "", true)
	b.open("/my")
	require.Contains(t, b.text("#consents + ul"), "동의한 항목이 없습니다")
	b.run(chromedp.SetValue(chromedp.CSS("#consent-purpose"), "event_newsletter"))
	require.Equal(t, http.StatusOK, b.submit(`form[action="/my/consents"] button`))
	require.Contains(t, b.text("#consents + ul"), "이벤트 소식 받기", "A10.2: the consent given")
	require.Equal(t, http.StatusOK, b.submit(`form[action="/my/consents/event_newsletter/withdraw"] button`))
	require.Contains(t, b.text("#consents + ul"), "철회", "A10.2: and withdrawn")
}

// enterEvent (A7.3, A10.4): a citizen reads the prize plan announced
// before the event, enters it (refused first for the required answer, in
// Korean), sees the entry and the contact kept masked, and has the data
// erased (the entry stays in the draw, the name goes).
func (w *webJourneys) enterEvent(t *testing.T) {
	b := newBrowser(t, w.cov)
	b.signIn("citizen", "web-citizen-4", "", true)
	b.open("/events")
	b.follow(`a[href="` + strings.Replace(w.event, "/v1/participation-events/", "/events/", 1) + `"]`)
	require.Contains(t, b.text("main table"), "상품권", "A7.3: the prize plan")
	waitOpen(t, w.s, w.event)
	b.open(b.path())
	b.fill("#entry-contact\\.name", "정웹시")
	b.fill("#entry-contact\\.phone", "010-7777-8888")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action$="/entries"] button`))
	b.requireKoreanError("entry", "answers[0].value")
	b.fill(`#entry-answers\[0\]\.value`, "따릉이")
	require.Equal(t, http.StatusOK, b.submit(`form[action$="/entries"] button`))
	require.Contains(t, b.text("#entry-h"), "내 응모")

	b.open("/my")
	require.Contains(t, b.text(`section[aria-labelledby="kept-h"]`), "010-****-8888")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action="/my/erase"] button`))
	b.requireKoreanError("erase", "confirm")
	b.run(chromedp.Click(chromedp.CSS("#erase-confirm")))
	require.Equal(t, http.StatusOK, b.submit(`form[action="/my/erase"] button`))
	require.NotContains(t, b.text(`section[aria-labelledby="kept-h"]`), "8888", "erased")
}

// redemptionCount counts citizen-kim's redemptions through the edge.
func (w *webJourneys) redemptionCount(t *testing.T) int {
	c := w.s.Client(t, identity.Claims{Subject: "citizen-kim", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	return len(allPages[map[string]any](t, c.getter(t), "/v1/mileage/accounts/me/redemptions?page_size=100", "redemptions"))
}

// waitOpen waits until the event's entry period has started.
func waitOpen(t *testing.T, s *Suite, event string) {
	r := s.Public().Do(t, "GET", event, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var ev struct {
		Draft struct {
			EntryStartTime time.Time `json:"entry_start_time"`
		} `json:"draft"`
	}
	r.JSON(t, &ev)
	time.Sleep(time.Until(ev.Draft.EntryStartTime)) // the period starts on the real clock: nothing to poll before it
}

// staffPages (A4.1, A4.3, A10.2, A8.3, A7.2, A6.2): a department writes
// an item (refused in Korean without its Korean title), moves it through
// review to publication and confirms it current; the scorecard; the
// privacy officer verifies the access log and approves a disclosure
// another official recorded; an admin's pages for rules, budgets, the
// holiday table, departments and roles; the public policy pages.
func (w *webJourneys) staffPages(t *testing.T) {
	b := newBrowser(t, w.cov)
	b.open("/mayor")
	b.open("/privacy")
	require.Contains(t, b.text("h1"), "개인정보")
	b.open("/mail/terms")
	b.signIn("official", "web-culture", "SMG-CULTURE", false)
	b.open("/staff/content")
	b.follow(`a[href="/staff/content/new"]`)
	b.fill("#item-slug", "web-night-market")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action="/staff/content"] button[type=submit]`))
	b.requireKoreanError("item", "title.ko")
	b.fill(`#item-title\.ko`, "한강 야시장 안내")
	b.fill(`#item-summary\.ko`, "여름밤 한강공원 야시장 일정입니다.")
	b.fill(`#item-body\.ko`, "금요일과 토요일 저녁 6시부터 열립니다.")
	require.Equal(t, http.StatusOK, b.submit(`form[action="/staff/content"] button[type=submit]`))
	for _, step := range []string{"submit", "publish", "confirm"} {
		require.Equal(t, http.StatusOK, b.submit(`form[action$="/`+step+`"] button`), step)
	}
	b.follow(`a[href="/items/web-night-market"]`)
	require.Contains(t, b.text("#item-dept + dl"), "문화정책과", "A4.2: published with its department")
	b.open("/staff/scorecard")
	require.Contains(t, b.text("main table"), "문화정책과", "A4.3: every department ranked")
	b.signOut()

	disclosure := w.recordDisclosure(t)
	b.signIn("privacy_officer", "web-officer", "", false)
	b.open("/staff/privacy")
	b.follow(`a[href="/staff/privacy/verification"]`)
	require.Contains(t, b.text(".notice"), "모두 맞습니다", "the access log's chain is intact")
	b.open("/staff/privacy")
	b.follow(`main table a[href="/staff/privacy/disclosures/` + disclosure + `"]`)
	b.run(chromedp.Click(chromedp.CSS(`input[name="decision"][value="approve"]`)))
	b.fill("#disclosure-reason", "통계 목적, 개인 식별 불가 (제10조 제2항 제2호)")
	require.Equal(t, http.StatusOK, b.submit(`form[action^="/staff/privacy/disclosures/"] button`))
	require.Contains(t, b.text(".notice"), "결정을 기록했습니다")
	b.signOut()

	b.signIn("admin", "web-admin", "", false)
	b.open("/staff/admin/rules")
	b.run(chromedp.SetValue(chromedp.CSS("#rule-action"), "feedback_given"))
	b.fill("#rule-points", "열 점")
	require.Equal(t, http.StatusBadRequest, b.submit(`form[action="/staff/admin/rules"] button`))
	b.requireKoreanError("rule", "points")
	b.open("/staff/admin/budgets?year=2036")
	b.fill("#budget-year", "2036")
	b.fill("#budget-amount", "500000")
	require.Equal(t, http.StatusOK, b.submit(`form[method=post][action="/staff/admin/budgets"] button`))
	require.Contains(t, b.text("main dl.facts"), "500,000", "A7.2: the programme budget")
	b.open("/staff/admin/holidays")
	require.Contains(t, b.text("main table"), "추석")
	b.open("/staff/admin/departments")
	b.open("/staff/admin/roles")
}

// recordDisclosure records a statistics request as an official, for the
// privacy officer to decide (A10.2: four eyes).
func (w *webJourneys) recordDisclosure(t *testing.T) string {
	official := w.s.Client(t, identity.Claims{Subject: "web-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	r := official.Do(t, "POST", "/v1/privacy/disclosures", map[string]any{"request_id": "web-disclosure-1",
		"requester": "서울연구원", "legal_basis": "LEGAL_BASIS_STATISTICS", "purpose": "urban_research",
		"dimension": "STATISTIC_DIMENSION_AGE_BAND"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var d struct {
		Disclosure struct {
			ID string `json:"id"`
		} `json:"disclosure"`
	}
	r.JSON(t, &d)
	return d.Disclosure.ID
}

// drawVerified (A7.3): after the journeys' event closes, the department
// draws; the event page lists the winners (the erased entrant's name
// erased too) and the draw page recomputes the draw in the page from the
// published inputs: every check passes.
func (w *webJourneys) drawVerified(t *testing.T) {
	official := w.s.Client(t, identity.Claims{Subject: "web-digital", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	closeWhenDue(t, official, w.event, w.eventEnds)
	enterDrawSources(t, w.s, w.event)
	r := official.Do(t, "POST", w.event+":draw", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	b := newBrowser(t, w.cov)
	page := strings.Replace(w.event, "/v1/participation-events/", "/events/", 1)
	b.open(page)
	require.Contains(t, b.text("main"), "당첨자")
	b.follow(`a[href="` + page + `/draw"]`)
	require.Contains(t, b.text(".notice"), "모든 항목이 일치", "the draw verified in the page")
	require.False(t, b.has(".badge.danger"), "no check failed")
}
