package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// textArticle5K is a wire-style text article of about 5 KB.
func textArticle5K() []byte {
	var sb strings.Builder
	sb.WriteString("Harbour strike ends\nDockers back at work\n\ndate 2025-11-06 KESTRELTON:\n\n")
	sb.WriteString("KESTRELTON (Harbour Wire) — Dockers went back to work on Thursday after a nine-day strike, the harbour minister said.\n\n")
	for i := 0; sb.Len() < 5000; i++ {
		if i%4 == 3 {
			fmt.Fprintf(&sb, "- Talks Part %d -\n\n", i)
			continue
		}
		fmt.Fprintf(&sb, "“We are close to an agreement,” the minister said on day %d, adding that %d containers were\nstill waiting to be unloaded at the quays of the old port.\n\n", i, 1200+i)
	}
	sb.WriteString("(Reporting by Ana Mirel; Editing by Tom Hask)\n\nburs-oho/mtp\n")
	return []byte(sb.String())
}

// typicalPage is a news page of about 60 KB: the fixture article inside
// navigation, scripts, related links and a footer, as real pages come.
func typicalPage(tb testing.TB) []byte {
	article := string(readFixture(tb, "article.html"))
	var nav strings.Builder
	for i := range 150 {
		fmt.Fprintf(&nav, `<li class="menu-item"><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	script := "<script>var config = {" + strings.Repeat(`"k":"v",`, 1500) + "};</script>"
	page := strings.Replace(article, "<nav class=\"menu\">", "<nav class=\"menu\"><ul>"+nav.String()+"</ul>", 1)
	page = strings.Replace(page, "</head>", script+"</head>", 1)
	var more strings.Builder
	for i := range 12 {
		fmt.Fprintf(&more, "<p>The assembly heard on day %d that the tram would carry up to 40,000 passengers a day once the line opened, and that buses on the route would be cut back.</p>\n", i)
	}
	return []byte(strings.Replace(page, "<h2>", more.String()+"<h2>", 1))
}

func BenchmarkParseText5K(b *testing.B) {
	data := textArticle5K()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("a.txt", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseHTMLPage(b *testing.B) {
	data := typicalPage(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseHTML("https://brinmoor-post.example/news/a", data, "", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBenchmarkInputs(t *testing.T) {
	text := textArticle5K()
	if n := len(text); n < 5000 || n > 6000 {
		t.Errorf("text article is %d bytes", n)
	}
	a, err := Parse("a.txt", text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Headlines) != 1 || a.Dateline != "KESTRELTON" || len(paragraphsOfKind(a, S)) == 0 {
		t.Errorf("5 KB article typed wrongly: headlines %q dateline %q", a.Headlines, a.Dateline)
	}
	page := typicalPage(t)
	p, err := ParseHTML("https://brinmoor-post.example/news/a", page, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Text, "Section 12") || !strings.Contains(p.Text, "40,000 passengers") {
		t.Errorf("page extraction kept navigation or lost text (%d bytes of page)", len(page))
	}
}
