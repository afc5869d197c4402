// Package grpcapi implements the board service's gRPC API: handlers map
// proto ⇄ domain and call the use cases; no SQL, no rules.
package grpcapi

import (
	"context"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// Server implements boardv1.BoardServiceServer.
type Server struct {
	boardv1.UnimplementedBoardServiceServer
	app *app.App
}

// New returns the API over the use cases.
func New(a *app.App) *Server { return &Server{app: a} }

// CreateBoard opens a board.
func (s *Server) CreateBoard(ctx context.Context, req *boardv1.CreateBoardRequest) (*boardv1.Board, error) {
	b, err := s.app.CreateBoard(ctx, domain.NewBoard{Name: req.GetName(), Purpose: req.GetPurpose(),
		NameTranslations:    wire.Texts(req.GetNameTranslations()),
		PurposeTranslations: wire.Texts(req.GetPurposeTranslations()),
		Board: domain.Board{RequestID: req.GetRequestId(), DepartmentCode: req.GetDepartmentCode(),
			RealNameRequired: req.GetRealNameRequired(), Posting: postingFrom(req.GetPostingPolicy()),
			Moderation: moderationFrom(req.GetModerationMode())}})
	if err != nil {
		return nil, err
	}
	return boardTo(b, reader(ctx)), nil
}

// GetBoard returns one board.
func (s *Server) GetBoard(ctx context.Context, req *boardv1.GetBoardRequest) (*boardv1.Board, error) {
	lang, err := readerLanguage(ctx, req.GetLanguage())
	if err != nil {
		return nil, err
	}
	b, err := s.app.GetBoard(ctx, req.GetBoardId())
	if err != nil {
		return nil, err
	}
	return boardTo(b, lang), nil
}

// ListBoards returns every board.
func (s *Server) ListBoards(ctx context.Context, req *boardv1.ListBoardsRequest) (*boardv1.ListBoardsResponse, error) {
	lang, err := readerLanguage(ctx, req.GetLanguage())
	if err != nil {
		return nil, err
	}
	list, err := s.app.ListBoards(ctx)
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListBoardsResponse{}
	for _, b := range list {
		out.Boards = append(out.Boards, boardTo(b, lang))
	}
	return out, nil
}

// UpdateBoard changes a board's name, purpose and translations (A2).
func (s *Server) UpdateBoard(ctx context.Context, req *boardv1.UpdateBoardRequest) (*boardv1.Board, error) {
	mask, err := fieldmask.Parse(req.GetUpdateMask(), req.GetBoard(), app.BoardUpdatable...)
	if err != nil {
		return nil, err
	}
	body := req.GetBoard()
	b, err := s.app.UpdateBoard(ctx, app.BoardUpdate{ID: req.GetBoardId(), Etag: req.GetEtag(), Mask: mask,
		Name: body.GetName(), Purpose: body.GetPurpose(), NameTranslations: wire.Texts(body.GetNameTranslations()),
		PurposeTranslations: wire.Texts(body.GetPurposeTranslations())})
	if err != nil {
		return nil, err
	}
	return boardTo(b, reader(ctx)), nil
}
