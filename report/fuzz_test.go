package report

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
)

// FuzzEndToEnd takes bytes through the whole path: import (as a text
// file), comparison with an edited copy, and every report format. Input is
// refused with one of ingest's reasons or comes out as every format.
func FuzzEndToEnd(f *testing.F) {
	f.Add([]byte("Ferry to Velstad resumes\n\nVELSTAD — The ferry sailed on Tuesday, harbour master Wim Carradine said.\n\n“We are back,” he said, adding that 14 crossings a day would run."))
	f.Add([]byte("<p>A <script>alert(1)</script> page</p>"))
	f.Add([]byte("# Head\n\n\x1b[31mred\x1b[0m \u202eevil\u202c text"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<13 {
			return
		}
		a, err := ingest.Parse("fuzz.txt", data, ingest.Options{})
		if err != nil {
			for _, e := range []error{ingest.ErrEmpty, ingest.ErrBinary, ingest.ErrTooLarge, ingest.ErrUndecodable, ingest.ErrMalformed, ingest.ErrUnsupported} {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("import: %v", err)
		}
		edited := *a
		edited.Paragraphs = append(edited.Paragraphs[:0:0], a.Paragraphs...)
		last := &edited.Paragraphs[len(edited.Paragraphs)-1]
		last.Text = strings.Replace(last.Text, " ", " not ", 1) + " Officials said 12."
		v1 := compare.Version{ID: "a", Title: a.Title, Paragraphs: a.Paragraphs, Hash: "a"}
		v2 := compare.Version{ID: "b", Title: a.Title, Paragraphs: edited.Paragraphs, Hash: "b"}
		c, err := compare.Compare([]compare.Version{v1, v2})
		if err != nil {
			return // too large to compare: refused with a message
		}
		doc := Document{Title: a.Title, Generated: time.Unix(0, 0).UTC(), AppVersion: "fuzz", Comparison: c}
		for _, format := range Formats() {
			if format == FormatPDF && len(data) > 1<<11 {
				continue // the PDF writer is slow; short inputs reach it
			}
			var out bytes.Buffer
			if err := Write(io.Writer(&out), format, doc, DefaultOptions()); err != nil {
				t.Fatalf("%s report: %v", format, err)
			}
			if format == FormatHTML && bytes.Contains(bytes.ToLower(out.Bytes()), []byte("<script>alert")) {
				t.Fatal("script from the input reached the HTML report")
			}
		}
	})
}
