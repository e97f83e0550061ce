package report

import (
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"github.com/parallax-news/parallax/compare"
)

var (
	//go:embed fonts/DejaVuSans.ttf
	fontLatin []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontLatinBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	fontCJK []byte
)

// Font families as registered with fpdf: Latin-script text in DejaVu Sans,
// characters of scripts it lacks (Chinese, Japanese, Korean) in Droid Sans
// Fallback, which has no bold: bold CJK prints regular.
const (
	famLatin = "dejavu"
	famCJK   = "droid"
)

// Page geometry in millimetres, type sizes in points.
const (
	pageMargin = 18.0
	bodySize   = 10.0
	smallSize  = 8.0
)

type rgb [3]int

var (
	colText    = rgb{29, 33, 39}
	colMuted   = rgb{91, 97, 110}
	colLink    = rgb{11, 87, 208}
	colInsFill = rgb{215, 245, 221}
	colInsLine = rgb{26, 127, 55}
	colDelFill = rgb{255, 224, 224}
	colDelLine = rgb{180, 35, 24}
	colMoved   = rgb{61, 85, 112}
	colFlag    = rgb{255, 241, 168}
	colNote    = rgb{228, 236, 255}
	colNoteBar = rgb{53, 87, 168}
	colRule    = rgb{208, 212, 219}
)

// pdfStyle is how a run of text is set.
type pdfStyle struct {
	bold      bool
	size      float64 // points; 0 means bodySize
	color     rgb
	fill      *rgb
	strike    *rgb // line colour, nil for none
	underline *rgb
	link      int // fpdf internal link, 0 for none
}

// pdfRun is text in one style; a paragraph is a list of runs.
type pdfRun struct {
	text string
	st   pdfStyle
}

// pdfPiece is an unbreakable part of a word in one style.
type pdfPiece struct {
	text string
	st   pdfStyle
	w    float64
}

// pdfDoc lays out flowing text itself, so that a highlighted word keeps
// its background and strike-through wherever the line breaks, and Latin and
// CJK characters each get a font that has them.
type pdfDoc struct {
	f            *fpdf.Fpdf
	y            float64
	pageW, pageH float64
	cjkLoaded    bool        // the CJK font is added on first use: it is large
	line         []placed    // pieces of the current line, drawn when it ends
	flagLinks    map[int]int // flag number -> link
	noteLinks    map[int]int
	passageLinks map[int]int
}

// writePDF writes the report as an A4 PDF with page numbers.
func writePDF(w io.Writer, m *model) error {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(famLatin, "", fontLatin)
	f.AddUTF8FontFromBytes(famLatin, "B", fontLatinBold)
	f.SetTitle(m.Title, true)
	f.SetCreator("Parallax "+m.AppVersion, true)
	f.SetCreationDate(m.Generated)
	f.SetModificationDate(m.Generated)
	f.SetMargins(pageMargin, pageMargin, pageMargin)
	f.SetAutoPageBreak(false, pageMargin)
	f.SetCellMargin(0)
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetFont(famLatin, "", smallSize)
		f.SetTextColor(colMuted[0], colMuted[1], colMuted[2])
		f.SetXY(pageMargin, f.GetPageSizeStr("A4").Ht-pageMargin+6)
		f.CellFormat(0, 4, fmt.Sprintf("Parallax report · page %d of {nb}", f.PageNo()), "", 0, "C", false, 0, "")
	})
	if err := f.Error(); err != nil {
		return fmt.Errorf("fonts: %w", err)
	}
	d := &pdfDoc{f: f, flagLinks: map[int]int{}, noteLinks: map[int]int{}, passageLinks: map[int]int{}}
	d.pageW, d.pageH = f.GetPageSize()
	for _, fl := range m.Flags {
		d.flagLinks[fl.Number] = f.AddLink()
	}
	for _, n := range m.Notes {
		d.noteLinks[n.Number] = f.AddLink()
	}
	for _, p := range m.Passages {
		d.passageLinks[p.Number] = f.AddLink()
	}
	d.newPage()
	d.render(m)
	if err := f.Error(); err != nil {
		return err
	}
	return f.Output(w)
}

func (d *pdfDoc) newPage() {
	d.f.AddPage()
	d.y = pageMargin
}

// ensure starts a new page unless h millimetres fit on this one.
func (d *pdfDoc) ensure(h float64) {
	if d.y+h > d.pageH-pageMargin {
		d.newPage()
	}
}

func plain(text string) pdfRun { return pdfRun{text: text, st: pdfStyle{color: colText}} }

func muted(text string) pdfRun { return pdfRun{text: text, st: pdfStyle{color: colMuted}} }

func bold(text string) pdfRun { return pdfRun{text: text, st: pdfStyle{bold: true, color: colText}} }

func linkRun(text string, link int) pdfRun {
	return pdfRun{text: text, st: pdfStyle{color: colLink, link: link}}
}

func (d *pdfDoc) render(m *model) {
	d.heading(1, m.Title, 0)
	d.para([]pdfRun{muted(m.madeLine())}, 0, nil)
	d.gap(2)

	d.heading(2, "Versions", 0)
	for _, v := range m.Versions {
		runs := []pdfRun{bold(v.Label + " · " + v.displaySource() + "  "), plain(v.Title)}
		var facts []string
		if s := v.publishedDate(); s != "" {
			facts = append(facts, "published "+s)
		}
		facts = append(facts, strconv.Itoa(v.Words)+" words")
		if v.Byline != "" {
			facts = append(facts, "by "+v.Byline)
		}
		if v.URL != "" {
			facts = append(facts, "from "+v.URL)
		}
		for _, r := range v.Relations {
			facts = append(facts, m.relationText(r))
		}
		if len(v.Headlines) > 0 {
			facts = append(facts, "also headlined “"+strings.Join(v.Headlines, "”, “")+"”")
		}
		d.para(runs, 0, nil)
		d.para([]pdfRun{muted(strings.Join(facts, "; "))}, 5, nil)
		d.gap(1.5)
	}

	if m.Included.Flags {
		d.heading(2, "Flags", 0)
		if len(m.Flags) == 0 {
			d.para([]pdfRun{plain("No discrepancies were flagged.")}, 0, nil)
		}
		for _, k := range m.FlagSummary {
			d.para([]pdfRun{bold(kindName(k.Kind) + ": "),
				plain(fmt.Sprintf("%d confirmed, %d open, %d dismissed", k.Confirmed, k.Open, k.Dismissed))}, 0, nil)
		}
		for _, g := range statusGroups {
			flags := m.flagsWith(g.status)
			if len(flags) == 0 {
				continue
			}
			d.heading(3, fmt.Sprintf("%s (%d)", g.heading, len(flags)), 0)
			for _, fl := range flags {
				d.ensure(12)
				d.f.SetLink(d.flagLinks[fl.Number], d.y, d.f.PageNo())
				runs := []pdfRun{
					bold(fmt.Sprintf("Flag %d · %s ", fl.Number, kindName(fl.Kind))),
					{text: strings.ToUpper(string(fl.Severity)) + " ", st: pdfStyle{color: colMuted, size: smallSize}},
					plain(m.flagWhere(fl) + ": " + evidence(fl) + "."),
				}
				if fl.Message != "" {
					runs = append(runs, plain(" "+m.flagMessage(fl)))
				}
				if fl.Passage > 0 && m.Included.Passages {
					runs = append(runs, plain(" "), linkRun(fmt.Sprintf("Passage %d", fl.Passage), d.passageLinks[fl.Passage]))
				}
				d.para(runs, 0, &colRule)
				if s := decisionText(fl); s != "" {
					d.para([]pdfRun{muted(s)}, 0, &colRule)
				}
				d.gap(1.5)
			}
		}
	}

	if m.Included.Passages {
		d.heading(2, "Passages", 0)
		d.para([]pdfRun{
			muted("Changes are shown against the reference version of each passage: "),
			{text: "deleted text", st: delStyle()}, muted(" is the reference’s, "),
			{text: "inserted text", st: insStyle()}, muted(" this version’s; "),
			{text: "moved text", st: pdfStyle{color: colMoved, underline: &colMoved}}, muted(" both have, in another order; "),
			{text: "flagged text", st: pdfStyle{color: colText, fill: &colFlag}}, muted(" and "),
			{text: "noted text", st: pdfStyle{color: colText, fill: &colNote}}, muted(" are followed by their flag and note numbers."),
		}, 0, nil)
		for _, p := range m.Passages {
			d.heading(3, fmt.Sprintf("Passage %d", p.Number), d.passageLinks[p.Number])
			if s := m.missingText(p); s != "" {
				d.para([]pdfRun{muted(s)}, 0, nil)
			}
			for _, mem := range p.Members {
				for _, para := range mem.Paragraphs {
					d.ensure(14)
					d.para([]pdfRun{{text: m.paragraphCaption(mem.Version, para, mem.Version == p.Reference),
						st: pdfStyle{bold: true, size: 9, color: colMuted}}}, 0, nil)
					d.para(d.segmentRuns(para), 0, nil)
					for _, n := range para.Notes {
						d.note(m, m.Notes[n-1], false)
					}
					d.gap(1.5)
				}
			}
		}
	}

	if m.Included.Notes {
		first := true
		for _, n := range m.Notes {
			if n.Passage != 0 {
				continue
			}
			if first {
				d.heading(2, "Notes", 0)
				first = false
			}
			d.note(m, n, true)
		}
	}
}

func insStyle() pdfStyle { return pdfStyle{color: colText, fill: &colInsFill, underline: &colInsLine} }

func delStyle() pdfStyle { return pdfStyle{color: colText, fill: &colDelFill, strike: &colDelLine} }

func (d *pdfDoc) note(m *model, n noteModel, where bool) {
	head := "Note " + strconv.Itoa(n.Number)
	if where {
		head += " on " + m.noteWhere(n)
	}
	runs := []pdfRun{bold(head)}
	if n.Quote != "" {
		runs = append(runs, plain(" on “"+n.Quote+"”"))
	}
	runs = append(runs, plain(": "+n.Text))
	d.ensure(8)
	d.f.SetLink(d.noteLinks[n.Number], d.y, d.f.PageNo())
	d.para(runs, 4, &colNoteBar)
}

// segmentRuns styles a paragraph's segments as the HTML report marks them.
func (d *pdfDoc) segmentRuns(p paragraphModel) []pdfRun {
	var runs []pdfRun
	marker := func(label string, link int) pdfRun {
		return pdfRun{text: label, st: pdfStyle{color: colLink, size: 7, link: link}}
	}
	for _, f := range p.Flags {
		runs = append(runs, marker(fmt.Sprintf("[flag %d]", f), d.flagLinks[f]), plain(" "))
	}
	segs := displaySegments(p.Segments)
	endFlags, endNotes := closing(segs)
	for i, s := range segs {
		st := pdfStyle{color: colText}
		switch {
		case s.Op == compare.OpDelete && (s.Trivial || s.Moved):
			continue
		case s.Op == compare.OpInsert && s.Moved && !s.Trivial:
			st = pdfStyle{color: colMoved, underline: &colMoved}
		case s.Op == compare.OpDelete:
			st = delStyle()
		case s.Op == compare.OpInsert && !s.Trivial:
			st = insStyle()
		}
		if st.fill == nil && len(s.Notes) > 0 {
			st.fill = &colNote
		}
		if len(s.Flags) > 0 {
			st.fill = &colFlag
		}
		runs = append(runs, pdfRun{text: s.Text, st: st})
		for _, f := range endFlags[i] {
			runs = append(runs, marker(fmt.Sprintf("[flag %d]", f), d.flagLinks[f]))
		}
		for _, n := range endNotes[i] {
			runs = append(runs, marker(fmt.Sprintf("[note %d]", n), d.noteLinks[n]))
		}
	}
	return runs
}

func (d *pdfDoc) gap(mm float64) { d.y += mm }

func (d *pdfDoc) heading(level int, text string, link int) {
	size := map[int]float64{1: 18, 2: 14, 3: 11.5}[level]
	before := map[int]float64{1: 0, 2: 5, 3: 3}[level]
	if d.y > pageMargin {
		d.y += before
	}
	d.ensure(size*0.5 + 16) // keep the heading with what follows
	if link != 0 {
		d.f.SetLink(link, d.y, d.f.PageNo())
	}
	d.para([]pdfRun{{text: text, st: pdfStyle{bold: true, size: size, color: colText}}}, 0, nil)
	if level == 2 {
		d.f.SetDrawColor(colRule[0], colRule[1], colRule[2])
		d.f.SetLineWidth(0.4)
		d.f.Line(pageMargin, d.y+0.5, d.pageW-pageMargin, d.y+0.5)
		d.y += 2
	}
	d.y += 1
}

// pdfWord is a run of pieces with no break opportunity inside; space says
// whether a space precedes it.
type pdfWord struct {
	pieces []pdfPiece
	space  *pdfPiece
	w      float64
}

// para sets runs as one flowing paragraph, indented by indent millimetres,
// with a vertical bar in colour bar beside every line when bar is set.
func (d *pdfDoc) para(runs []pdfRun, indent float64, bar *rgb) {
	size := bodySize
	for _, r := range runs {
		if r.st.size > size {
			size = r.st.size
		}
	}
	lineH := size * 0.5
	left := pageMargin + indent
	if bar != nil {
		left += 3
	}
	right := d.pageW - pageMargin
	words := d.words(runs)
	words = d.splitWide(words, right-left)

	x := left
	lineStart := true
	d.ensure(lineH)
	startLine := func() {
		if bar != nil {
			d.f.SetDrawColor(bar[0], bar[1], bar[2])
			d.f.SetLineWidth(0.8)
			d.f.Line(left-2.2, d.y, left-2.2, d.y+lineH)
		}
	}
	startLine()
	for _, w := range words {
		spaceW := 0.0
		if w.space != nil && !lineStart {
			spaceW = w.space.w
		}
		if !lineStart && x+spaceW+w.w > right {
			d.flushLine(lineH)
			d.y += lineH
			d.ensure(lineH)
			startLine()
			x, spaceW, lineStart = left, 0, true
		}
		if spaceW > 0 {
			d.place(*w.space, x)
			x += spaceW
		}
		for _, p := range w.pieces {
			d.place(p, x)
			x += p.w
		}
		lineStart = false
	}
	d.flushLine(lineH)
	d.y += lineH + 1
}

// words cuts runs into unbreakable words; CJK characters are words of their
// own, since those scripts break between any two characters.
func (d *pdfDoc) words(runs []pdfRun) []pdfWord {
	var words []pdfWord
	var cur *pdfWord
	pendingSpace := (*pdfPiece)(nil)
	flush := func() {
		if cur != nil && len(cur.pieces) > 0 {
			words = append(words, *cur)
		}
		cur = nil
	}
	addPiece := func(text string, st pdfStyle) {
		if cur == nil {
			cur = &pdfWord{space: pendingSpace}
			pendingSpace = nil
		}
		p := pdfPiece{text: text, st: st, w: d.width(text, st)}
		cur.pieces = append(cur.pieces, p)
		cur.w += p.w
	}
	for _, r := range runs {
		text := r.text
		for text != "" {
			c, n := utf8.DecodeRuneInString(text)
			switch {
			case unicode.IsSpace(c):
				flush()
				end := n
				for end < len(text) {
					c2, n2 := utf8.DecodeRuneInString(text[end:])
					if !unicode.IsSpace(c2) {
						break
					}
					end += n2
				}
				if pendingSpace == nil {
					sp := pdfPiece{text: " ", st: r.st, w: d.width(" ", r.st)}
					pendingSpace = &sp
				}
				text = text[end:]
			case isCJK(c):
				flush()
				addPiece(text[:n], r.st)
				flush()
				text = text[n:]
			default:
				end := n
				for end < len(text) {
					c2, n2 := utf8.DecodeRuneInString(text[end:])
					if unicode.IsSpace(c2) || isCJK(c2) {
						break
					}
					end += n2
				}
				addPiece(text[:end], r.st)
				text = text[end:]
			}
		}
	}
	flush()
	return words
}

// splitWide breaks words wider than a line into pieces of single characters
// so that long URLs wrap instead of running off the page.
func (d *pdfDoc) splitWide(words []pdfWord, lineW float64) []pdfWord {
	var out []pdfWord
	for _, w := range words {
		if w.w <= lineW {
			out = append(out, w)
			continue
		}
		first := true
		for _, p := range w.pieces {
			for _, c := range p.text {
				s := string(c)
				nw := pdfWord{pieces: []pdfPiece{{text: s, st: p.st, w: d.width(s, p.st)}}}
				nw.w = nw.pieces[0].w
				if first {
					nw.space = w.space
					first = false
				}
				out = append(out, nw)
			}
		}
	}
	return out
}

// fontRuns cuts text into runs that one font family can set.
func fontRuns(text string, fn func(family, part string)) {
	start := 0
	fam := ""
	for i, c := range text {
		f := famLatin
		if isCJK(c) {
			f = famCJK
		}
		if f != fam && i > start {
			fn(fam, text[start:i])
			start = i
		}
		fam = f
	}
	if start < len(text) {
		fn(fam, text[start:])
	}
}

func (d *pdfDoc) setFont(family string, st pdfStyle) {
	if family == famCJK && !d.cjkLoaded {
		d.f.AddUTF8FontFromBytes(famCJK, "", fontCJK)
		d.cjkLoaded = true
	}
	style := ""
	if st.bold && family == famLatin {
		style = "B"
	}
	size := st.size
	if size == 0 {
		size = bodySize
	}
	d.f.SetFont(family, style, size)
}

func (d *pdfDoc) width(text string, st pdfStyle) float64 {
	w := 0.0
	fontRuns(text, func(family, part string) {
		d.setFont(family, st)
		w += d.f.GetStringWidth(part)
	})
	return w
}

// placed is a piece at its place on the current line.
type placed struct {
	pdfPiece
	x float64
}

// place queues p at x on the current line, joining it to the previous
// piece when both are set alike, so that a line takes a few draw calls
// rather than one per word.
func (d *pdfDoc) place(p pdfPiece, x float64) {
	if n := len(d.line); n > 0 {
		last := &d.line[n-1]
		if last.st == p.st && last.x+last.w == x {
			last.text += p.text
			last.w += p.w
			return
		}
	}
	d.line = append(d.line, placed{p, x})
}

// flushLine draws the queued pieces of the current line.
func (d *pdfDoc) flushLine(lineH float64) {
	for _, p := range d.line {
		d.draw(p.pdfPiece, p.x, lineH)
	}
	d.line = d.line[:0]
}

// draw sets one piece at x on the current line, with its background, link
// and lines.
func (d *pdfDoc) draw(p pdfPiece, x, lineH float64) {
	f := d.f
	f.SetTextColor(p.st.color[0], p.st.color[1], p.st.color[2])
	if p.st.fill != nil {
		f.SetFillColor(p.st.fill[0], p.st.fill[1], p.st.fill[2])
	}
	cx := x
	fontRuns(p.text, func(family, part string) {
		d.setFont(family, p.st)
		w := f.GetStringWidth(part)
		f.SetXY(cx, d.y)
		f.CellFormat(w, lineH, part, "", 0, "LM", p.st.fill != nil, p.st.link, "")
		cx += w
	})
	line := func(c *rgb, at float64) {
		f.SetDrawColor(c[0], c[1], c[2])
		f.SetLineWidth(0.35)
		f.Line(x, d.y+at, x+p.w, d.y+at)
	}
	if p.st.strike != nil {
		line(p.st.strike, lineH*0.55)
	}
	if p.st.underline != nil {
		line(p.st.underline, lineH*0.9)
	}
}
