package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// kinds lists the paragraph kinds of a, in order.
func kinds(a *parallax.Article) []parallax.ParagraphKind {
	out := make([]parallax.ParagraphKind, len(a.Paragraphs))
	for i, p := range a.Paragraphs {
		out[i] = p.Kind
	}
	return out
}

// paragraphOfKind returns the texts of a's paragraphs of kind k.
func paragraphsOfKind(a *parallax.Article, k parallax.ParagraphKind) []string {
	var out []string
	for _, p := range a.Paragraphs {
		if p.Kind == k {
			out = append(out, p.Text)
		}
	}
	return out
}

const (
	H = parallax.KindHeadline
	D = parallax.KindDateline
	B = parallax.KindBody
	S = parallax.KindSubhead
	T = parallax.KindTrailer
)

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file      string
		title     string
		headlines []string
		dateline  string
		published string // 2006-01-02, "" for none
		byline    string
		language  string
		kinds     []parallax.ParagraphKind
		contains  []string // phrases that must appear in the body text
	}{
		{file: "wire.txt", title: "Harbour strike ends as Velmar dockers return",
			headlines: []string{"Dockers back at work after nine-day stoppage", "Port of Kestrelton reopens"},
			dateline:  "KESTRELTON", published: "2025-11-06", language: "en",
			kinds:    []parallax.ParagraphKind{H, H, H, D, D, B, B, S, B, S, B, T, T, T, T},
			contains: []string{"Dockers at the port of Kestrelton went back to work on Thursday", "“We are close to an agreement,”", `had been "productive"`}},
		{file: "single-lines.txt", title: "Council approves new bridge over the Lessa", dateline: "BRINMOOR", language: "en",
			kinds:    []parallax.ParagraphKind{H, D, B, B, B, T},
			contains: []string{"The town council of Brinmoor approved plans", "Opponents said"}},
		{file: "story.md", title: "Orchard growers fear late frost", headlines: []string{"Apple blossom at risk in the Tarn valley"},
			dateline: "TARNVILLE", byline: "Mila Ostern", language: "en",
			kinds:    []parallax.ParagraphKind{H, H, T, D, B, S, B, B, B, B, T},
			contains: []string{"in the Tarn valley said on Sunday that a late frost could", "according to the growers' association.", "lit paraffin heaters", "said Jonas Kell,", `"We have never seen blossom this early," Kell said.`}},
		{file: "cp1252.txt", title: "Café owners protest new terrace fees", dateline: "LORVAN", language: "en",
			kinds:    []parallax.ParagraphKind{H, D, B, B, B},
			contains: []string{"€300,000", "“We cannot pay twice,” said Renée Duvall", "market square – one of forty"}},
		{file: "iso8859-2.txt", title: "Nowy most w Kraśniku otwarty", dateline: "KRAŚNIK", language: "pl",
			kinds:    []parallax.ParagraphKind{H, D, B, B, B},
			contains: []string{"Zdzisława Żółkiewskiego", "przez Łężany", "Źródło w urzędzie"}},
		{file: "gbk.txt", title: "青川港口罢工结束", language: "zh",
			kinds:    []parallax.ParagraphKind{H, B, B},
			contains: []string{"港口管理局局长韦丽娜表示", "积压的集装箱"}},
		{file: "shift-jis.txt", title: "港の労働者、九日ぶりに仕事に戻る", language: "ja",
			kinds:    []parallax.ParagraphKind{H, B, B},
			contains: []string{"田村はるか局長", "約一週間かかる"}},
		{file: "utf16le-bom.txt", title: "Snow closes mountain pass", dateline: "VARDEN", language: "en",
			kinds:    []parallax.ParagraphKind{H, D, B, B},
			contains: []string{"forty centimetres of snow"}},
		{file: "utf16be-bom.txt", title: "Library reopens after flood", dateline: "ESKBY",
			kinds:    []parallax.ParagraphKind{H, D, B},
			contains: []string{"six months after a flood"}},
		{file: "meta-charset.html", title: "Le marché de Sarnac rouvre", dateline: "SARNAC", language: "fr",
			kinds:    []parallax.ParagraphKind{H, D, B, B, B},
			contains: []string{"« Nous avons enfin retrouvé nos clients », a déclaré Hélène Marceau"}},
		{file: "euc-kr-meta.html", title: "항구 파업 끝나", language: "ko",
			kinds:    []parallax.ParagraphKind{H, B, B},
			contains: []string{"부두 노동자들이 9일간의 파업을"}},
		{file: "article.html", title: "Tram line to Holloway Fields approved", dateline: "BRINMOOR", published: "2025-11-04",
			byline: "Petra Lindqvist", language: "en-GB",
			kinds:    []parallax.ParagraphKind{H, T, D, B, B, S, B, B, B, B, B, T},
			contains: []string{"A report on the fund is due in the spring.", "“Nobody has told us how we will survive,”", "Trams will run every six minutes"}},
		{file: "malformed.html", title: "Ferry service cut", dateline: "ORLEY", language: "en",
			kinds:    []parallax.ParagraphKind{H, D, B, B, B},
			contains: []string{"Islanders said the cut would hurt the island's hotels and its school", "shortage of crew."}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data := readFixture(t, tc.file)
			a, err := Parse(filepath.Join("testdata", tc.file), data, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if a.Title != tc.title {
				t.Errorf("Title = %q, want %q", a.Title, tc.title)
			}
			if strings.Join(a.Headlines, "|") != strings.Join(tc.headlines, "|") {
				t.Errorf("Headlines = %q, want %q", a.Headlines, tc.headlines)
			}
			if a.Dateline != tc.dateline {
				t.Errorf("Dateline = %q, want %q", a.Dateline, tc.dateline)
			}
			if got := dateOf(a.Published); got != tc.published {
				t.Errorf("Published = %q, want %q", got, tc.published)
			}
			if a.Byline != tc.byline {
				t.Errorf("Byline = %q, want %q", a.Byline, tc.byline)
			}
			if tc.language != "" && a.Language != tc.language {
				t.Errorf("Language = %q, want %q", a.Language, tc.language)
			}
			if got := kinds(a); !equalKinds(got, tc.kinds) {
				t.Errorf("kinds = %v, want %v", got, tc.kinds)
			}
			body := a.BodyText()
			for _, c := range tc.contains {
				if !strings.Contains(body, c) {
					t.Errorf("body lacks %q:\n%s", c, body)
				}
			}
			for i, p := range a.Paragraphs {
				if p.Ordinal != i+1 || strings.TrimSpace(p.Text) == "" || !p.Kind.Valid() {
					t.Errorf("paragraph %d: %+v", i, p)
				}
			}
			if string(a.Raw) != string(data) {
				t.Error("Raw is not the input bytes")
			}
			if a.Path != filepath.Join("testdata", tc.file) {
				t.Errorf("Path = %q", a.Path)
			}
			if a.Hash != ContentHash(a.Text) || len(a.Hash) != 64 {
				t.Errorf("Hash = %q", a.Hash)
			}
		})
	}
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func equalKinds(a, b []parallax.ParagraphKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name string
		file string // fixture, or "" to use data
		data []byte
		opt  Options
		want error
		why  string // part of the message
	}{
		{name: "empty file", file: "empty.txt", want: ErrEmpty},
		{name: "whitespace only", file: "blank.txt", want: ErrEmpty},
		{name: "BOM only", data: []byte("\xef\xbb\xbf \n"), want: ErrEmpty},
		{name: "UTF-16 BOM and spaces", data: []byte("\xff\xfe \x00\n\x00"), want: ErrEmpty},
		{name: "png by name", file: "pixel.png", want: ErrUnsupported, why: "image"},
		{name: "png with a text name", file: "disguised-png.txt", want: ErrBinary, why: "PNG image"},
		{name: "NUL bytes", file: "nul-bytes.txt", want: ErrBinary, why: "NUL"},
		{name: "control characters", data: []byte("text\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"), want: ErrBinary, why: "control"},
		{name: "PDF", data: []byte("%PDF-1.7\nsome"), want: ErrBinary, why: "PDF"},
		{name: "too large", file: "wire.txt", opt: Options{MaxBytes: 100}, want: ErrTooLarge, why: "limit 100"},
		{name: "declared UTF-8 that is not", file: "bad-utf8-declared.html", want: ErrUndecodable, why: "not valid utf-8"},
		{name: "UTF-16 with broken surrogates", file: "bad-utf16.txt", want: ErrUndecodable, why: "utf-16le"},
		{name: "malformed HTML without text", file: "malformed-notext.html", want: ErrMalformed},
		{name: "well-formed HTML without text", file: "empty-page.html", want: ErrEmpty},
		{name: "markdown that is only markup", data: []byte("# \n\n---\n\n![](x.png)\n"), want: ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, name := tc.data, "input.txt"
			if tc.file != "" {
				data, name = readFixture(t, tc.file), tc.file
			} else if strings.HasPrefix(string(data), "#") {
				name = "input.md"
			}
			a, err := Parse(name, data, tc.opt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v (article %v), want %v", err, a != nil, tc.want)
			}
			if a != nil {
				t.Error("article returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "ingest: ") || !strings.Contains(err.Error(), tc.why) {
				t.Errorf("message %q lacks %q", err, tc.why)
			}
		})
	}
}

func TestParseHTMLPage(t *testing.T) {
	data := readFixture(t, "article.html")
	tests := []struct {
		name, pageURL, contentType string
		wantURL, wantSite          string
	}{
		{name: "relative canonical resolved", pageURL: "https://www.brinmoor-post.example/news/2025/11/tram?utm=x",
			wantURL: "https://www.brinmoor-post.example/news/2025/11/tram-line-approved", wantSite: "brinmoor-post.example"},
		{name: "no page URL", wantURL: "", wantSite: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ParseHTML(tc.pageURL, data, tc.contentType, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.URL != tc.wantURL || a.Source.Site != tc.wantSite {
				t.Errorf("URL=%q Site=%q, want %q %q", a.URL, a.Source.Site, tc.wantURL, tc.wantSite)
			}
			if a.Source.Name != "The Brinmoor Post" {
				t.Errorf("Source.Name = %q", a.Source.Name)
			}
			body := a.BodyText()
			for _, junk := range []string{"Related stories", "Bus fares rise", "All rights reserved", "Home"} {
				if strings.Contains(body, junk) {
					t.Errorf("body holds page furniture %q", junk)
				}
			}
		})
	}

	// The Content-Type header's charset wins over the bytes' guess.
	latin := []byte("<html><body><p>Le caf\xe9 de la gare a ferm\xe9 ses portes apr\xe8s quarante ans, a indiqu\xe9 son propri\xe9taire.</p></body></html>")
	a, err := ParseHTML("http://cafe.example/a", latin, "text/html; charset=iso-8859-1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Le café de la gare a fermé") {
		t.Errorf("text = %q", a.Text)
	}
	if a.URL != "http://cafe.example/a" || a.Source.Site != "cafe.example" || a.Source.Name != "cafe.example" {
		t.Errorf("URL=%q Source=%+v", a.URL, a.Source)
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             format
	}{
		{name: "html extension", file: "a.HTM", data: "plain words", want: formatHTML},
		{name: "markdown extension", file: "a.md", data: "plain words", want: formatMarkdown},
		{name: "text extension", file: "a.txt", data: "# not a heading here", want: formatText},
		{name: "text extension holding a page", file: "a.txt", data: "<!DOCTYPE html><html><body><p>x</p></body></html>", want: formatHTML},
		{name: "sniffed html", file: "-", data: "\n  <html lang=en><body>x</body></html>", want: formatHTML},
		{name: "sniffed fragment", file: "noext", data: "<p>One.</p><p>Two.</p>", want: formatHTML},
		{name: "sniffed markdown heading", file: "noext", data: "Intro\n\n## Heading\n\ntext", want: formatMarkdown},
		{name: "sniffed markdown link", file: "noext", data: "See [the report](http://x.example).", want: formatMarkdown},
		{name: "plain text", file: "noext", data: "LONDON: Plain words <b> are not a page.", want: formatText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := detectFormat(tc.file, []byte(tc.data)); got != tc.want {
				t.Errorf("detectFormat = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestContentHash(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{name: "rewrapped", a: "One two\nthree.", b: "One  two three. ", same: true},
		{name: "NFC and NFD", a: "Caf\u00e9 owners", b: "Cafe\u0301 owners", same: true},
		{name: "different words", a: "One two three.", b: "One two four.", same: false},
		{name: "quotes differ", a: "“Yes,” she said.", b: "\"Yes,\" she said.", same: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ContentHash(tc.a) == ContentHash(tc.b); got != tc.same {
				t.Errorf("same hash = %v, want %v", got, tc.same)
			}
		})
	}
	// The same file imported twice, once with Windows line ends, is a duplicate.
	data := readFixture(t, "wire.txt")
	a1, err1 := Parse("a.txt", data, Options{})
	a2, err2 := Parse("b.txt", []byte(strings.ReplaceAll(string(data), "\n", "\r\n")), Options{})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if a1.Hash != a2.Hash {
		t.Error("CRLF copy hashes differently")
	}
}
