package main

import (
	"context"
	"errors"

	parallax "github.com/parallax-news/parallax"
)

// fetchArticle fetches and extracts one web page. Not built yet.
func fetchArticle(ctx context.Context, url string) (*parallax.Article, error) {
	return nil, errors.New("importing URLs is not built yet")
}
