package library

import "testing"

// A page imported from the web keeps its URL, not a made-up file path.
func TestArticlePathOfURL(t *testing.T) {
	for _, u := range []string{"https://courier.example/a/b", "http://x.example/"} {
		if p := articlePath(u); p != "" {
			t.Errorf("articlePath(%q) = %q, want none (the URL is kept as the article's URL)", u, p)
		}
	}
}
