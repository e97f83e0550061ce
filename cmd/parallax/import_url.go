package main

import (
	"context"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest/feed"
)

// fetchArticle fetches one web page (politely: Parallax's User-Agent, a
// timeout, a size and redirect limit) and extracts its article.
func fetchArticle(ctx context.Context, url string) (*parallax.Article, error) {
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	return feed.NewClient(feed.Options{Timeout: pageTimeout}).FetchPage(ctx, url)
}
