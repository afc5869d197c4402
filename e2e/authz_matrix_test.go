package e2e

import (
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
)

// authzCallers are the matrix's columns. "Holding department" is SMG-CIVIL:
// it holds the fixture's complaint (as the Mayor's office, until it is
// assigned), publishes its item, operates its board, runs its event and
// the mileage programme. The machine clients are those of make run's
// registry (deploy/local/launcher/clients.json).
var authzCallers = []authzCaller{
	{"anon", "anonymous", identity.Claims{}},
	{"self", "the citizen themself", identity.Claims{Subject: authzSelf, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true}},
	{"other", "another citizen", identity.Claims{Subject: authzOther, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true}},
	{"holder", "official of the holding department", identity.Claims{Subject: "authz-holder", Roles: []identity.Role{identity.RoleOfficial}, Department: authzDept}},
	{"outsider", "official of another department", identity.Claims{Subject: "authz-outsider", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-WELFARE"}},
	{"moderator", "moderator", identity.Claims{Subject: "authz-moderator", Roles: []identity.Role{identity.RoleModerator}}},
	{"officer", "privacy officer", identity.Claims{Subject: "authz-officer", Roles: []identity.Role{identity.RolePrivacyOfficer}}},
	{"admin", "admin", identity.Claims{Subject: "authz-admin", Roles: []identity.Role{identity.RoleAdmin}}},
	{"mileage-partner", "machine client mileage-partner", machine("mileage-partner")},
	{"civil-system", "machine client acting for SMG-CIVIL", machine("civil-system")},
	{"prize-delivery", "machine client prize-delivery", machine("prize-delivery")},
	{"mail", "machine client mail", machine("mail")},
}

// F is a request's fields by their proto names.
type F = map[string]any

// mileageDLQ and mileageDLQEntry address the mileage service's dead letters.
var (
	mileageDLQ      = fixed(func(*authzFixture) F { return F{"service": "mileage"} })
	mileageDLQEntry = fixed(func(*authzFixture) F { return F{"service": "mileage", "sequence": 999999} })
)

// fixed is a request that does not depend on the caller.
func fixed(fn func(f *authzFixture) F) func(*authzFixture, string) F {
	return func(f *authzFixture, _ string) F { return fn(f) }
}

// none is a request without fields.
var none = fixed(func(*authzFixture) F { return F{} })

// authzRows is the authorization matrix: for every RPC, the outcome for
// each caller of authzCallers, in order — anon, self, other, holder,
// outsider, moderator, officer, admin, mileage-partner, civil-system,
// prize-delivery, mail — A allowed, U 401, D 403, H 404 (the caller may
// not learn the resource exists). docs/authorization.md is rendered from it.
var authzRows = []authzRow{
	// content
	{rpc: "ContentService/ListDepartments", expect: "AAAAAAAADDDD", req: none},
	{rpc: "ContentService/GetDepartment", expect: "AAAAAAAADDDD", req: fixed(func(*authzFixture) F { return F{"code": authzDept} })},
	{rpc: "ContentService/PutDepartment", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F {
		return F{"code": "AUTHZ-DEPT", "name_ko": "권한 표 부서", "name_en": "Authz department", "phone": "02-120"}
	})},
	{rpc: "ContentService/CreateItem", expect: "UDDADDDADDDD", req: func(f *authzFixture, c string) F {
		return F{"request_id": f.id("create-" + c), "department_code": authzDept, "kind": "KIND_POLICY", "title": ko("권한 표 새 항목")}
	}},
	{rpc: "ContentService/UpdateItem", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"item_id": f.itemID, "item": F{"summary": ko("권한 표 요약 (고침)")}, "update_mask": "summary.ko"}
	})},
	{rpc: "ContentService/SubmitItemForReview", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F { return F{"item_id": f.itemID} })},
	{rpc: "ContentService/PublishItem", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F { return F{"item_id": f.itemID} })},
	{rpc: "ContentService/ConfirmItemCurrent", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F { return F{"item_id": f.itemID} })},
	{rpc: "ContentService/ArchiveItem", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"item_id": f.once("archive-item", f.publishedItem)}
	})},
	{rpc: "ContentService/GetItem", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"item_id": f.itemID} })},
	{rpc: "ContentService/GetItemBySlug", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"slug": f.itemSlug} })},
	{rpc: "ContentService/ListItems", expect: "AAAAAAAADDDD", req: none},
	{rpc: "ContentService/SearchItems", expect: "AAAAAAAADDDD", req: fixed(func(*authzFixture) F { return F{"query": "권한 표"} })},
	{rpc: "ContentService/ListItemRevisions", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"item_id": f.itemID} })},
	{rpc: "ContentService/ListStaleItems", expect: "UDDADDDADDDD", req: fixed(func(*authzFixture) F { return F{"department_code": authzDept} })},
	{rpc: "ContentService/SubmitFeedback", expect: "UAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"item_id": f.itemID, "helpful": true} })},
	{rpc: "ContentService/ListFeedback", expect: "UDDADDDADDDD", req: fixed(func(*authzFixture) F { return F{"department_code": authzDept} })},
	{rpc: "ContentService/GetScorecard", expect: "UDDAADDADDDD", req: none},

	// board
	{rpc: "BoardService/CreateBoard", expect: "UDDADDDADDDD", req: func(f *authzFixture, c string) F {
		return F{"request_id": f.id("board-" + c), "name": "권한 표 새 게시판", "purpose": "권한 표", "department_code": authzDept}
	}},
	{rpc: "BoardService/GetBoard", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"board_id": f.boardID} })},
	{rpc: "BoardService/ListBoards", expect: "AAAAAAAADDDD", req: none},
	{rpc: "BoardService/UpdateBoard", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		// No update_mask: the mask is the fields the body populates (AIP-134).
		return F{"board_id": f.boardID, "board": F{"name_translations": F{"texts": F{"en": "Authorization matrix board"}}}}
	})},
	{rpc: "BoardService/CreatePost", expect: "UAAAAAAADDDD", req: func(f *authzFixture, c string) F {
		return F{"board_id": f.boardID, "request_id": f.id("post-" + c), "title": "권한 표 새 글", "body": "권한 표에서 쓴 새 글입니다. " + c}
	}},
	{rpc: "BoardService/GetPost", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"post_id": f.postID} })},
	{rpc: "BoardService/ListPosts", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"board_id": f.boardID} })},
	{rpc: "BoardService/EditPost", expect: "UADDDDDDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"post_id": f.postID, "post": F{"title": "권한 표 글 (고침)"}, "update_mask": "title"}
	})},
	{rpc: "BoardService/WithdrawPost", expect: "UADDDDDDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"post_id": f.once("withdraw-post", func() string { return f.post("거둘 글", "권한 표에서 거둘 글입니다.") })}
	})},
	{rpc: "BoardService/CreateComment", expect: "UAAAAAAADDDD", req: func(f *authzFixture, c string) F {
		return F{"post_id": f.postID, "request_id": f.id("comment-" + c), "body": "권한 표 새 댓글 " + c}
	}},
	{rpc: "BoardService/ListComments", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"post_id": f.postID} })},
	{rpc: "BoardService/EditComment", expect: "UADDDDDDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"comment_id": f.commentID, "comment": F{"body": "권한 표 댓글 (고침)"}, "update_mask": "body"}
	})},
	{rpc: "BoardService/WithdrawComment", expect: "UADDDDDDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"comment_id": f.once("withdraw-comment", f.comment)}
	})},
	{rpc: "BoardService/FileReport", expect: "UAAAAAAADDDD", req: fixed(func(f *authzFixture) F {
		return F{"target_type": "TARGET_TYPE_POST", "target_id": f.postID, "ground": "A5.9", "text": "목적에 맞지 않습니다."}
	})},
	{rpc: "BoardService/ListModerationQueueItems", expect: "UDDDDADDDDDD", req: none},
	{rpc: "BoardService/DecideModeration", expect: "UDDDDADDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"target_type": "TARGET_TYPE_POST", "outcome": "OUTCOME_REMOVE", "ground": "A5.9", "public_explanation": "목적 외 글입니다.",
			"facts": "권한 표", "target_id": f.once("moderate-post", func() string { return f.post("삭제 대상", "권한 표에서 판단할 글입니다.") })}
	})},
	{rpc: "BoardService/FileAppeal", expect: "UADDDDDDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"decision_id": f.decisionID, "reason": "다시 봐 주십시오."}
	})},
	{rpc: "BoardService/ListAppeals", expect: "UDDDDADDDDDD", req: none},
	{rpc: "BoardService/DecideAppeal", expect: "UDDDDADDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"appeal_id": f.appealID, "reverse": false, "resolution": "삭제를 유지합니다."}
	})},
	{rpc: "BoardService/ListModerationDecisions", expect: "AAAAAAAADDDD", req: none},
	{rpc: "BoardService/GetTransparencyReport", expect: "AAAAAAAADDDD", req: none},
	{rpc: "BoardService/ListScreeningWords", expect: "UDDDDADDDDDD", req: none},
	{rpc: "BoardService/CreateScreeningWord", expect: "UDDDDADDDDDD", req: func(f *authzFixture, c string) F {
		return F{"list": "SCREENING_LIST_PROFANITY", "word": "권한표욕설" + c, "severity": 0.5, "reason": "권한 표"}
	}},
	// Each call deletes a word of its own: a word deleted once is gone (404).
	{rpc: "BoardService/DeleteScreeningWord", expect: "UDDDDADDDDDD", req: func(f *authzFixture, _ string) F {
		keeper := f.as(identity.Claims{Subject: "authz-word-keeper", Roles: []identity.Role{identity.RoleModerator}})
		return F{"reason": "권한 표", "word_id": f.must(keeper, "POST", "/v1/moderation/screening-words",
			map[string]any{"list": "SCREENING_LIST_ALLOW", "word": "허용" + f.id("word"), "reason": "권한 표"}, "id")}
	}},
	{rpc: "BoardService/ListScreeningWordChanges", expect: "UDDDDADDDDDD", req: none},

	// participation events
	{rpc: "ParticipationEventService/SetProgrammeBudget", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F {
		return F{"year": 2035, "amount": 100000000}
	})},
	{rpc: "ParticipationEventService/GetBudgetReport", expect: "UDDAADDADDDD", req: fixed(func(*authzFixture) F { return F{"year": 2035} })},
	{rpc: "ParticipationEventService/CreateParticipationEvent", expect: "UDDADDDADDDD", req: func(f *authzFixture, c string) F {
		return F{"request_id": f.id("event-" + c), "draft": authzEventDraft(time.Now().Add(time.Hour), time.Hour)}
	}},
	{rpc: "ParticipationEventService/UpdateParticipationEvent", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"event_id": f.eventID, "draft": F{"budget": 1}, "update_mask": "budget"}
	})},
	{rpc: "ParticipationEventService/GetParticipationEvent", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.eventID} })},
	{rpc: "ParticipationEventService/ListParticipationEvents", expect: "AAAAAAAADDDD", req: none},
	{rpc: "ParticipationEventService/AnnounceParticipationEvent", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.eventID} })},
	{rpc: "ParticipationEventService/GetAnnouncement", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.eventID} })},
	{rpc: "ParticipationEventService/OpenParticipationEvent", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.eventID} })},
	{rpc: "ParticipationEventService/CloseParticipationEvent", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.eventID} })},
	{rpc: "ParticipationEventService/CreateEntry", expect: "UAADDDDDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"event_id": f.eventID, "answers": []F{{"question_id": "q1", "value": "따릉이"}},
			"contact": F{"name": "권시민", "phone": "010-3939-4848"}}
	})},
	{rpc: "ParticipationEventService/GetMyEntry", expect: "UAHHHHHHDDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.drawnEventID} })},
	{rpc: "ParticipationEventService/DrawWinners", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.drawnEventID} })},
	{rpc: "ParticipationEventService/ListWinners", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.drawnEventID} })},
	{rpc: "ParticipationEventService/GetDrawInputs", expect: "AAAAAAAADDDD", req: fixed(func(f *authzFixture) F { return F{"event_id": f.drawnEventID} })},
	{rpc: "ParticipationEventService/EnterDrawSourceValue", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"event_id": f.drawnEventID, "source_id": "lotto", "value": "3 12 25 31 40 45 / 7"}
	})},
	{rpc: "ParticipationEventService/RecordPrizeDelivery", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"event_id": f.drawnEventID, "winner_id": f.winnerID, "note": "택배 발송"}
	})},

	// petition
	{rpc: "PetitionService/ListComplaintTypes", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PetitionService/SubmitOpinion", expect: "AAAAAAAADDDD", req: func(f *authzFixture, c string) F {
		return F{"request_id": f.id("opinion-" + c), "title": "권한 표 새 의견", "body": "시장님께 드리는 새 의견입니다."}
	}},
	{rpc: "PetitionService/GetOpinion", expect: "HAHAHHHADDDD", req: fixed(func(f *authzFixture) F { return F{"opinion_id": f.opinionID} })},
	{rpc: "PetitionService/ListOpinions", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PetitionService/TriageOpinion", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"opinion_id": f.opinionID, "decision": "TRIAGE_DECISION_ACKNOWLEDGE", "validate_only": true}
	})},
	{rpc: "PetitionService/SubmitComplaint", expect: "UAAAAAAADDDD", req: func(f *authzFixture, c string) F {
		return F{"request_id": f.id("complaint-" + c), "complaint_type": "inquiry_procedure", "title": "권한 표 새 민원",
			"body": "권한 표에서 낸 새 민원입니다.", "contact": F{"name": "권시민", "phone": "010-3939-4848"}}
	}},
	{rpc: "PetitionService/GetComplaint", expect: "HAHAHHHADADD", req: fixed(func(f *authzFixture) F { return F{"complaint_id": f.complaintID} })},
	{rpc: "PetitionService/ListComplaints", expect: "UAAAAAAADADD", req: none},
	{rpc: "PetitionService/AssignComplaint", expect: "UDDAHDDADADD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.complaintID, "department_code": authzDept, "handler_subject": "authz-holder"}
	})},
	{rpc: "PetitionService/TransferComplaint", expect: "UDDAHDDADADD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.once("transfer-complaint", f.newComplaint), "to_department_code": "SMG-TRANSPORT", "reason": "소관 부서로 이송"}
	})},
	{rpc: "PetitionService/ExtendComplaint", expect: "UDDAHDDADADD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.complaintID, "period": "1d", "reason": "현장 확인"}
	})},
	{rpc: "PetitionService/ConsentToExtension", expect: "UAHHHHHHDDDD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.complaintID, "granted": true}
	})},
	{rpc: "PetitionService/RequestProgress", expect: "UAHHHHHHDDDD", req: fixed(func(f *authzFixture) F { return F{"complaint_id": f.complaintID} })},
	{rpc: "PetitionService/AnswerComplaint", expect: "UDDAHDDADADD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.complaintID, "body": "처리하였습니다.", "validate_only": true}
	})},
	{rpc: "PetitionService/RateComplaint", expect: "UAHHHHHHDDDD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.complaintID, "satisfaction": 5}
	})},
	{rpc: "PetitionService/RequestAdditionalAnswer", expect: "UAHHHHHHDDDD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.complaintID, "reason": "추가 답변을 바랍니다."}
	})},
	{rpc: "PetitionService/CloseRepeatedComplaint", expect: "UDDAHDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"complaint_id": f.once("repeat-complaint", f.newComplaint), "note": "반복 민원",
			"earlier_complaint_ids": []string{f.complaintID, f.once("repeat-earlier", f.newComplaint)}}
	})},
	{rpc: "PetitionService/ListDueComplaints", expect: "UDDADDDADADD", req: fixed(func(*authzFixture) F { return F{"department_code": authzDept} })},
	{rpc: "PetitionService/ListDepartmentFigures", expect: "AAAAAAAADDDD", req: fixed(func(*authzFixture) F {
		return F{"start_time": "2026-01-01T00:00:00Z", "end_time": "2026-12-31T00:00:00Z"}
	})},
	{rpc: "PetitionService/ListPublicComplaints", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PetitionService/ComputeDueDate", expect: "AAAAAAAADDDD", req: fixed(func(*authzFixture) F {
		return F{"complaint_type": "inquiry_procedure", "receive_time": "2026-12-01T09:00:00Z"}
	})},
	{rpc: "PetitionService/GetHolidayTable", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PetitionService/AmendHolidayTable", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F {
		return F{"reason": "권한 표 (잘못된 요청)"}
	})},
	{rpc: "PetitionService/Open311ListServices", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PetitionService/Open311ListRequests", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PetitionService/Open311GetRequest", expect: "HAHAHHHADDDD", req: fixed(func(f *authzFixture) F {
		return F{"service_request_id": f.receipt}
	})},
	{rpc: "PetitionService/Open311SubmitRequest", expect: "UAAAAAAADADD", req: fixed(func(*authzFixture) F {
		return F{"service_code": "inquiry_procedure", "description": "권한 표에서 보낸 요청입니다.", "first_name": "시민", "last_name": "권",
			"phone": "010-3939-4848", "address_string": "세종대로 110"}
	})},

	// mileage
	{rpc: "MileageService/GetRules", expect: "AAAAAAAADDDD", req: none},
	{rpc: "MileageService/ListRuleVersions", expect: "AAAAAAAADDDD", req: none},
	{rpc: "MileageService/PublishRule", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F { return F{"action": "post_created", "points": -1} })},
	{rpc: "MileageService/SetValidity", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F { return F{"validity_days": -1} })},
	{rpc: "MileageService/ListCatalogItems", expect: "AAAAAAAADDDD", req: none},
	{rpc: "MileageService/PutCatalogItem", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F { return F{"item": F{"item_id": "x"}} })},
	{rpc: "MileageService/GetAccount", expect: "UADADDDADDDD", req: fixed(func(*authzFixture) F { return F{"subject_id": authzSelf} })},
	{rpc: "MileageService/ListHistoryLines", expect: "UADADDDADDDD", req: fixed(func(*authzFixture) F { return F{"subject_id": authzSelf} })},
	{rpc: "MileageService/GrantPoints", expect: "UDDADDDADDDD", req: func(f *authzFixture, c string) F {
		return F{"subject_id": authzSelf, "points": 10, "reason": "권한 표 적립", "request_id": f.id("grant-" + c)}
	}},
	{rpc: "MileageService/ApproveGrant", expect: "UDDDDDDADDDD", req: fixed(func(f *authzFixture) F { return F{"grant_id": f.grantID} })},
	{rpc: "MileageService/ReverseAward", expect: "UDDADDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"award_id": f.once("reverse-award", f.award), "reason": "권한 표 정정"}
	})},
	{rpc: "MileageService/Redeem", expect: "UAADDDDDDDDD", req: func(f *authzFixture, c string) F {
		return F{"idempotency_key": f.id("redeem-" + c), "item_id": "public-bike-pass", "points": 1000, "account_number": "110-123-456789"}
	}},
	{rpc: "MileageService/GetRedemption", expect: "UAHAHHHADDDD", req: fixed(func(f *authzFixture) F { return F{"redemption_id": f.redemptionID} })},
	{rpc: "MileageService/ListRedemptions", expect: "UADADDDADDDD", req: fixed(func(*authzFixture) F { return F{"subject_id": authzSelf} })},
	{rpc: "MileageService/GetLiabilityReport", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F { return F{"budget_year": 2026} })},

	// privacy
	{rpc: "PrivacyService/GetCurrentPolicy", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PrivacyService/ListPolicies", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PrivacyService/PublishPolicy", expect: "UDDDDDAADDDD", req: fixed(func(*authzFixture) F { return F{"version": "x"} })},
	{rpc: "PrivacyService/StorePersonalData", expect: "UADDDDDDDDDD", req: fixed(func(*authzFixture) F {
		return F{"subject_id": authzSelf, "purpose": "complaint", "fields": []F{{"name": "phone", "value": "010-3939-4848"}}}
	})},
	{rpc: "PrivacyService/StorePersonalText", expect: "UADDDDDDDDDD", req: fixed(func(*authzFixture) F {
		return F{"subject_id": authzSelf, "purpose": "complaint", "texts": []F{{"document": "authz/text", "text": "권한 표 원문"}}}
	})},
	{rpc: "PrivacyService/GetMaskedData", expect: "UADAAAAADDDD", req: fixed(func(*authzFixture) F { return F{"subject_id": authzSelf} })},
	{rpc: "PrivacyService/RevealPersonalData", expect: "UADADDDDDADD", req: fixed(func(f *authzFixture) F {
		return F{"tokens": []string{f.phoneToken}, "purpose": "complaint_handling", "case_reference": f.complaintID}
	})},
	{rpc: "PrivacyService/FindSubject", expect: "UDDADDDDDADD", req: fixed(func(f *authzFixture) F {
		return F{"field": "phone", "value": "010-3939-4848", "purpose": "complaint_handling", "case_reference": f.complaintID}
	})},
	{rpc: "PrivacyService/ListRevealGrants", expect: "UAAAADADDDDD", req: fixed(func(f *authzFixture) F { return F{"case_reference": f.complaintID} })},
	{rpc: "PrivacyService/ListAccessLogEntries", expect: "UADDDDADDDDD", req: fixed(func(*authzFixture) F { return F{"subject_id": authzSelf} })},
	{rpc: "PrivacyService/VerifyAccessLog", expect: "UDDDDDAADDDD", req: none},
	{rpc: "PrivacyService/ListAccessLogAnchors", expect: "AAAAAAAADDDD", req: none},
	{rpc: "PrivacyService/GrantConsent", expect: "UADDDDDDDDDD", req: fixed(func(*authzFixture) F {
		return F{"subject_id": authzSelf, "purpose": "authz_matrix", "policy_version": "1.0"}
	})},
	{rpc: "PrivacyService/WithdrawConsent", expect: "UADDDDADDDDD", req: fixed(func(*authzFixture) F {
		return F{"subject_id": authzSelf, "purpose": "authz_matrix"}
	})},
	{rpc: "PrivacyService/ListConsents", expect: "UADDDDAADDDD", req: fixed(func(*authzFixture) F { return F{"subject_id": authzSelf} })},
	{rpc: "PrivacyService/RequestDisclosure", expect: "UDDAADADDDDD", req: func(f *authzFixture, c string) F {
		return F{"request_id": f.id("disclosure-" + c), "requester": "권한 표 기관", "legal_basis": "LEGAL_BASIS_CONSENT",
			"purpose": "authz_delivery", "subject_id": authzSelf, "fields": []string{"phone"}}
	}},
	{rpc: "PrivacyService/DecideDisclosure", expect: "UDDDDDADDDDD", req: fixed(func(f *authzFixture) F {
		return F{"disclosure_id": f.disclosureID, "approve": true, "reason": "동의 확인"}
	})},
	{rpc: "PrivacyService/ReleaseDisclosure", expect: "UDDDDDADDDDD", req: fixed(func(f *authzFixture) F { return F{"disclosure_id": f.disclosureID} })},
	{rpc: "PrivacyService/GetDisclosure", expect: "UDDADDAADDDD", req: fixed(func(f *authzFixture) F { return F{"disclosure_id": f.disclosureID} })},
	{rpc: "PrivacyService/ListDisclosures", expect: "UDDDDDAADDDD", req: none},
	{rpc: "PrivacyService/PlaceLegalHold", expect: "UDDDDDADDDDD", req: fixed(func(*authzFixture) F {
		return F{"subject_id": authzSelf, "reason": "권한 표 보존", "case_reference": "authz-hold-2"}
	})},
	{rpc: "PrivacyService/ReleaseLegalHold", expect: "UDDDDDADDDDD", req: fixed(func(f *authzFixture) F {
		return F{"subject_id": authzSelf, "hold_id": f.once("release-hold", f.hold)}
	})},
	{rpc: "PrivacyService/EraseSubject", expect: "UADDDDADDDDD", req: fixed(func(*authzFixture) F { return F{"subject_id": authzSelf} })},
	{rpc: "PrivacyService/GetKeyStatus", expect: "UDDDDDAADDDD", req: none},
	{rpc: "PrivacyService/RewrapDataKeys", expect: "UDDDDDDADDDD", req: none},
	// A3.2: contractor grants are admins' alone. The revocation names a
	// grant that does not exist: the admin passes authorization and is
	// told so (404).
	{rpc: "PrivacyService/GrantContractorAccess", expect: "UDDDDDDADDDD", req: func(f *authzFixture, c string) F {
		from := time.Now().UTC()
		return F{"request_id": f.id("contractor-" + c), "contractor_subject": f.id("contractor-" + c), "company": "권한 표 용역사",
			"service": "content", "role": "official", "department_code": authzDept, "start_time": from.Format(time.RFC3339),
			"end_time": from.AddDate(0, 1, 0).Format(time.RFC3339), "reason": "권한 표 용역 계약"}
	}},
	{rpc: "PrivacyService/RevokeContractorAccess", expect: "UDDDDDDHDDDD", req: fixed(func(*authzFixture) F {
		return F{"grant_id": "0190a0b1-0000-7000-8000-00000000a3a2", "reason": "권한 표 회수"}
	})},
	{rpc: "PrivacyService/ListContractorGrants", expect: "UDDDDDDADDDD", req: none},

	// dead letters: every service serves its own; the rows ask mileage's.
	{rpc: "DeadLetterService/ListDeadLetters", expect: "UDDDDDDADDDD", req: mileageDLQ},
	{rpc: "DeadLetterService/ReplayDeadLetters", expect: "UDDDDDDADDDD", req: mileageDLQ},
	// No dead letter has the sequence asked for: the admin passes
	// authorization and is told so (404).
	{rpc: "DeadLetterService/GetDeadLetter", expect: "UDDDDDDHDDDD", req: mileageDLQEntry},
	{rpc: "DeadLetterService/ReplayDeadLetter", expect: "UDDDDDDHDDDD", req: mileageDLQEntry},

	// mail
	{rpc: "MailService/GetCurrentTerms", expect: "AAAAAAAADDDD", req: none},
	{rpc: "MailService/ListTerms", expect: "AAAAAAAADDDD", req: none},
	{rpc: "MailService/PublishTerms", expect: "UDDDDDDADDDD", req: fixed(func(*authzFixture) F { return F{"version": "x"} })},
	// Citizens open their own; admins open officials' (the request differs).
	{rpc: "MailService/CreateAccount", expect: "UAADDDDADDDD", req: func(f *authzFixture, c string) F {
		if c == "admin" {
			return F{"request_id": f.id("mail-admin"), "kind": "ACCOUNT_KIND_OFFICIAL", "local_part": "authz.official",
				"subject_id": "authz-holder", "department_code": authzDept, "display_name": "시민소통과 권한표", "terms_version": "1.0"}
		}
		return F{"request_id": f.id("mail-" + c), "kind": "ACCOUNT_KIND_CITIZEN", "local_part": "authz.new", "terms_version": "1.0"}
	}},
	{rpc: "MailService/GetAccount", expect: "HAHHHHHADDDD", req: fixed(func(f *authzFixture) F { return F{"account_id": f.mailAccountID} })},
	{rpc: "MailService/AcceptTerms", expect: "UAHHHHHDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"account_id": f.mailAccountID, "terms_version": "1.0"}
	})},
	{rpc: "MailService/SuspendAccount", expect: "UDDDDDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"account_id": f.once("suspend-mail", f.mailAccount), "clause": "4.1", "reason": "권한 표"}
	})},
	{rpc: "MailService/AppealSuspension", expect: "UAHHHHHDDDDD", req: fixed(func(f *authzFixture) F {
		return F{"account_id": f.mailAccountID, "statement": "다시 살펴 주십시오."}
	})},
	{rpc: "MailService/DecideAppeal", expect: "UDDDDDDADDDD", req: fixed(func(f *authzFixture) F {
		return F{"account_id": f.mailAccountID, "reinstate": true, "reason": "복구합니다."}
	})},
	{rpc: "MailService/ListTemplates", expect: "AAAAAAAADDDD", req: none},
	{rpc: "MailService/SendNotice", expect: "UDDAADDADDDD", req: func(f *authzFixture, c string) F {
		return F{"request_id": f.id("notice-" + c), "template": "points_expiring", "recipient_subject": authzSelf,
			"params": F{"points": "10", "expires_at": "2035-12-31T00:00:00Z"}}
	}},
	{rpc: "MailService/ListNotices", expect: "UADAADDADDDD", req: fixed(func(*authzFixture) F { return F{"recipient_subject": authzSelf} })},
	{rpc: "MailService/GetNotice", expect: "UAHAHHHADDDD", req: fixed(func(f *authzFixture) F { return F{"notice_id": f.noticeID} })},
	{rpc: "MailService/GetPreferences", expect: "UAAAAAAADDDD", req: none},
	{rpc: "MailService/SetPreference", expect: "UAAAAAAADDDD", req: fixed(func(*authzFixture) F { return F{"category": "mileage", "enabled": true} })},
	{rpc: "MailService/Unsubscribe", expect: "AAAAAAAADDDD", req: fixed(func(*authzFixture) F { return F{"token": "not-a-token"} })},
	// The holder only; admins see the ID but may not hold a citizen's
	// password. Self's ID is suspended by the fixture: refused by state, not
	// by role.
	{rpc: "MailService/ResetSubmissionPassword", expect: "UAHHHHHDDDDD", req: fixed(func(f *authzFixture) F { return F{"account_id": f.mailAccountID} })},
	// Last: it closes self's account.
	{rpc: "MailService/CloseAccount", expect: "UAHHHHHADDDD", req: fixed(func(f *authzFixture) F { return F{"account_id": f.mailAccountID} })},
}
