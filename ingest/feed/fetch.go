package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
)

// Client fetches feeds and pages. It is safe for concurrent use.
type Client struct {
	opt  Options
	http *http.Client
}

// NewClient makes a client with the given options.
func NewClient(opt Options) *Client {
	opt = opt.withDefaults()
	hc := &http.Client{}
	if opt.HTTPClient != nil {
		c := *opt.HTTPClient
		hc = &c
	}
	hc.Timeout = opt.Timeout
	max := opt.MaxRedirects
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > max {
			return fmt.Errorf("%w (more than %d)", ErrTooManyRedirs, max)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s: %w", req.URL, ErrBadURL)
		}
		return nil
	}
	return &Client{opt: opt, http: hc}
}

// response is a fetched body with the headers Parallax uses.
type response struct {
	status       int
	url          string // after redirects
	contentType  string
	etag         string
	lastModified string
	body         []byte
}

// get fetches rawURL, sending the validators when given. The body is read
// as a stream and refused as soon as it passes MaxBytes.
func (c *Client) get(ctx context.Context, rawURL, etag, lastModified, accept string) (*response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, ErrBadURL
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", accept)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, explainTransport(err)
	}
	defer resp.Body.Close()
	r := &response{
		status:       resp.StatusCode,
		url:          resp.Request.URL.String(),
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
	}
	if resp.StatusCode == http.StatusNotModified {
		return r, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return r, fmt.Errorf("%w %s", ErrHTTPStatus, resp.Status)
	}
	if resp.ContentLength > c.opt.MaxBytes {
		return r, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, resp.ContentLength, c.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBytes+1))
	if err != nil {
		return r, explainTransport(err)
	}
	if int64(len(body)) > c.opt.MaxBytes {
		return r, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.opt.MaxBytes)
	}
	r.body = body
	return r, nil
}

// explainTransport turns client errors into short reasons.
func explainTransport(err error) error {
	var ne net.Error
	switch {
	case errors.Is(err, ErrTooManyRedirs), errors.Is(err, ErrBadURL):
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err
		}
		return err
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%w: %v", ErrTimeout, trimURLError(err))
	}
	return trimURLError(err)
}

// trimURLError drops the method and URL net/http puts in front of an error:
// the caller names the feed itself.
func trimURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
