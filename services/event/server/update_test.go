package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A7.3: UpdateParticipationEvent changes only the fields its mask names
// (AIP-134): a new Korean title and budget leave the English title, the
// description, the entry form, the operating details and the prize plan
// exactly as they were.
func TestUpdateParticipationEventChangesOnlyMaskedFields(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())

	upd, err := h.api.UpdateParticipationEvent(h.as(t, culture), &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(),
		Draft:      &eventv1.ParticipationEventDraft{Title: &eventv1.LocalizedText{Ko: "빛초롱 축제 퀴즈"}, Budget: 1_200_000},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title.ko", "budget"}}})
	require.NoError(t, err)

	want := draft()
	want.Title.Ko, want.Budget = "빛초롱 축제 퀴즈", 1_200_000
	want.OperatingDetails.Notes = &eventv1.LocalizedText{} // how a read renders no notes
	got, err := h.api.GetParticipationEvent(h.as(t, culture), &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.True(t, proto.Equal(want, got.GetDraft()), "%v", got.GetDraft())
	require.Equal(t, upd.GetEtag(), got.GetEtag())
	require.NotEqual(t, e.GetEtag(), upd.GetEtag())

	// Without a mask the populated fields change: here only the contact.
	_, err = h.api.UpdateParticipationEvent(h.as(t, culture), &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(),
		Draft: &eventv1.ParticipationEventDraft{OperatingDetails: &eventv1.OperatingDetails{Contact: "문화정책과 02-2133-1111"}}})
	require.NoError(t, err)
	got, err = h.api.GetParticipationEvent(h.as(t, culture), &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	want.OperatingDetails.Contact = "문화정책과 02-2133-1111"
	require.True(t, proto.Equal(want, got.GetDraft()))
}

// A mask path the draft does not have is bad input naming update_mask,
// and nothing changes.
func TestUpdateParticipationEventUnknownMaskPath(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())
	_, err := h.api.UpdateParticipationEvent(h.as(t, culture), &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(),
		Draft:      &eventv1.ParticipationEventDraft{Budget: 1},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"budget", "title.fr.x", "budgte"}}})
	v := servicetest.RequireInvalidField(t, err, "update_mask")
	require.Contains(t, v.GetDescription(), "title.fr.x")
	got, err := h.api.GetParticipationEvent(h.as(t, culture), &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, e.GetEtag(), got.GetEtag(), "nothing changed")
}

// A7.3: an official who read an older state cannot overwrite the prize plan
// another changed meanwhile, nor announce the plan they did not see.
func TestStaleEtagRefusesUpdatesAndAnnouncement(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())
	ctx := h.as(t, culture)
	_, err := h.api.UpdateParticipationEvent(ctx, &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(), Etag: e.GetEtag(),
		Draft: &eventv1.ParticipationEventDraft{Budget: 900_000}})
	require.NoError(t, err)

	_, err = h.api.UpdateParticipationEvent(ctx, &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(), Etag: e.GetEtag(),
		Draft: &eventv1.ParticipationEventDraft{Budget: 2_000_000}})
	servicetest.RequireCode(t, err, codes.Aborted)
	_, err = h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId(), Etag: e.GetEtag()})
	servicetest.RequireCode(t, err, codes.Aborted)

	got, err := h.api.GetParticipationEvent(ctx, &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.EqualValues(t, 900_000, got.GetDraft().GetBudget())
	require.Equal(t, eventv1.Status_STATUS_DRAFT, got.GetStatus())
	announced, err := h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId(),
		Etag: got.GetEtag()})
	require.NoError(t, err)
	require.Equal(t, eventv1.Status_STATUS_ANNOUNCED, announced.GetParticipationEvent().GetStatus())
}
