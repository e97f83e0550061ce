package report

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/compare"
)

// needTool skips the test when a poppler-utils program is missing.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not found: install poppler-utils (apt-get install poppler-utils; make deps-test does it)", name)
	}
	return p
}

// rasterize renders a PDF to PNG pages at dpi and returns them in order.
func rasterize(t *testing.T, pdf []byte, dpi string) []image.Image {
	t.Helper()
	tool := needTool(t, "pdftoppm")
	dir := t.TempDir()
	in := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, "-r", dpi, "-png", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	var pages []image.Image
	for _, n := range names { // page-1 … page-9 sort right; reports here stay under 10 pages
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		pages = append(pages, img)
	}
	return pages
}

// ink is the share of pixels that are not near-white.
func ink(img image.Image) float64 {
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(b.Dx()*b.Dy())
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

func TestPDFPages(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, FormatPDF, fixtureDocument(t), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", buf.Bytes()[:min(buf.Len(), 16)])
	}
	if dir := os.Getenv("PARALLAX_REPORT_KEEP"); dir != "" { // to look at the pages
		os.WriteFile(filepath.Join(dir, "fixture.pdf"), buf.Bytes(), 0o644)
	}
	pages := rasterize(t, buf.Bytes(), "40")
	if len(pages) < 2 || len(pages) > 4 {
		t.Errorf("%d pages, want 2 to 4 for the fixture story", len(pages))
	}
	for i, p := range pages {
		if share := ink(p); share < 0.005 {
			t.Errorf("page %d is blank (%.4f of pixels inked)", i+1, share)
		}
	}

	// The text layer carries names with diacritics, Chinese and the page
	// numbers, so the fonts map back to Unicode.
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		in := filepath.Join(t.TempDir(), "r.pdf")
		os.WriteFile(in, buf.Bytes(), 0o644)
		out, err := exec.Command(tool, "-layout", in, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := string(out)
		for _, want := range []string{"Zoë Kováčová", "河谷日报", "港口时报", "page 1 of", "Flag 1 · Title", "Passage 4"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
	}
}

// TestPDFDrawsGlyphs renders pages that differ only in a few characters of
// the title: if a font lacked them, both would print the same empty boxes.
func TestPDFDrawsGlyphs(t *testing.T) {
	page := func(title string) image.Image {
		var buf bytes.Buffer
		doc := Document{Title: title, Generated: fixtureGenerated, Comparison: &compare.Comparison{}}
		if err := Write(&buf, FormatPDF, doc, Options{}); err != nil {
			t.Fatal(err)
		}
		pages := rasterize(t, buf.Bytes(), "50")
		if len(pages) != 1 {
			t.Fatalf("%q: %d pages, want 1", title, len(pages))
		}
		return pages[0]
	}
	for _, tc := range []struct{ name, a, b string }{
		{"diacritics", "Zoë Kováčová", "Zoe Kovacova"},
		{"chinese", "河谷日报", "港口时报"},
		{"chinese vs missing", "河谷日报", "Harbour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if samePixels(page(tc.a), page(tc.b)) {
				t.Errorf("%q and %q print the same", tc.a, tc.b)
			}
		})
	}
}
