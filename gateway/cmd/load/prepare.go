package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// world is what the mix reads and writes: published items, open boards,
// and citizens with tokens and points to redeem.
type world struct {
	base     string
	run      string
	items    []string
	boards   []string
	citizens []string
}

// pointsPerCitizen lets each citizen redeem the transit top-up's minimum
// (1,000 points) a few times.
const pointsPerCitizen = 5000

// prepare discovers public data and signs citizens in. Every name carries
// the run's time, so runs do not collide with each other's request ids.
func prepare(ctx context.Context, cfg Config) (*world, error) {
	w := &world{base: cfg.URL, run: time.Now().UTC().Format("20060102T150405")}
	c := &http.Client{Timeout: 10 * time.Second}
	var items struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := call(ctx, c, w.base, "GET", "/v1/items?page_size=50", "", nil, &items); err != nil {
		return nil, err
	}
	for _, it := range items.Items {
		w.items = append(w.items, it.ID)
	}
	var boards struct {
		Boards []struct {
			ID               string `json:"id"`
			RealNameRequired bool   `json:"real_name_required"`
		} `json:"boards"`
	}
	if err := call(ctx, c, w.base, "GET", "/v1/boards", "", nil, &boards); err != nil {
		return nil, err
	}
	for _, b := range boards.Boards {
		if !b.RealNameRequired { // a real-name board needs a name in the vault first
			w.boards = append(w.boards, b.ID)
		}
	}
	if len(w.items) == 0 || len(w.boards) == 0 {
		return nil, fmt.Errorf("%s has no published item or open board: load the sample data (make run seeds it)", w.base)
	}
	return w, w.signIn(ctx, c, cfg.Citizens)
}

// signIn mints the citizens' tokens and has an official grant them points.
func (w *world) signIn(ctx context.Context, c *http.Client, n int) error {
	official, err := token(ctx, c, w.base, map[string]any{"subject": "official-civil", "roles": []string{"official"},
		"department": "SMG-CIVIL"})
	if err != nil {
		return err
	}
	for i := range n {
		sub := fmt.Sprintf("load-%s-%d", w.run, i)
		tok, err := token(ctx, c, w.base, map[string]any{"subject": sub, "roles": []string{"citizen"}, "real_name_verified": true})
		if err != nil {
			return err
		}
		grant := map[string]any{"points": pointsPerCitizen, "reason": "부하 시험 적립", "request_id": sub + "-grant"}
		if err := call(ctx, c, w.base, "POST", "/v1/mileage/accounts/"+sub+"/grants", official, grant, nil); err != nil {
			return err
		}
		w.citizens = append(w.citizens, tok)
	}
	return nil
}

// token asks the development issuer for a token.
func token(ctx context.Context, c *http.Client, base string, claims map[string]any) (string, error) {
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := call(ctx, c, base, "POST", "/dev/token", "", claims, &out); err != nil {
		return "", fmt.Errorf("%w (is the development issuer on? make run turns it on)", err)
	}
	return out.AccessToken, nil
}

// call sends one JSON request and decodes a 200's body into out.
func call(ctx context.Context, c *http.Client, base, method, path, tok string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}
