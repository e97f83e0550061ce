package ingest

import (
	"fmt"
	"net/url"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/lazyregexp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTMLDoc reads an HTML input. pageURL (may be empty) is where the
// page was fetched from; contentType (may be empty) its HTTP header.
func parseHTMLDoc(name, pageURL string, data []byte, contentType string, opt Options) (*parallax.Article, error) {
	dec, err := decode(name, data, contentType, true)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(dec.text) == "" {
		return nil, fmt.Errorf("ingest: %s: %w", name, ErrEmpty)
	}
	dec = dec.withoutControls()
	doc, err := html.Parse(strings.NewReader(dec.text))
	if err != nil {
		return nil, fmt.Errorf("ingest: %s: %w: %w", name, ErrMalformed, err)
	}
	var base *url.URL
	if pageURL != "" {
		if base, err = url.Parse(pageURL); err != nil {
			return nil, fmt.Errorf("ingest: %s: bad page URL: %w", name, err)
		}
	}
	meta := readMetadata(doc)
	blocks, rd := extractBlocks(doc, base)

	lay := typeBlocks(blocks, false)
	if len(lay.paras) == 0 {
		if !wellFormed(dec.text) {
			return nil, fmt.Errorf("ingest: %s: %w: no text could be recovered", name, ErrMalformed)
		}
		return nil, fmt.Errorf("ingest: %s: %w: the page has no article text", name, ErrEmpty)
	}

	a := &parallax.Article{Raw: opt.raw(data)}
	a.Warnings = dec.warnings
	a.Title = firstNonEmpty(cleanTitle(rd.Title()), meta.title)
	if isDateHeaderTitle(a.Title) {
		a.Title = "" // named after its first headline or body paragraph below
	}
	a.Byline = firstNonEmpty(cleanByline(rd.Byline()), meta.byline)
	if a.Byline == "" {
		a.Byline = lay.byline
	}
	a.Published = meta.published
	if t, err := rd.PublishedTime(); a.Published.IsZero() && err == nil {
		a.Published = t
	}
	a.Language = firstNonEmpty(meta.language, normalizeLang(rd.Language()))
	a.URL = resolveURL(base, meta.canonical)
	if a.URL == "" && base != nil {
		a.URL = resolveURL(nil, base.String())
	}
	a.Source.Site = siteOf(a.URL)
	a.Source.Name = firstNonEmpty(strings.TrimSpace(rd.SiteName()), meta.siteName, a.Source.Site)

	if a.Title != "" && !sameText(lay.paras[0].Text, a.Title) {
		head := parallax.Paragraph{Kind: parallax.KindHeadline, Text: a.Title}
		lay.paras = append([]parallax.Paragraph{head}, lay.paras...)
	} else if a.Title != "" {
		lay.paras[0].Kind = parallax.KindHeadline
	}
	for i := range lay.paras {
		lay.paras[i].Ordinal = i + 1
	}
	lay.title, lay.headlines = "", nil
	fillFromLayout(a, lay)
	if a.Language == "" {
		a.Language = guessLanguage(a.Text)
	}
	return a, nil
}

// extractBlocks finds the article's paragraphs: readability's choice of the
// main content, or the densest text of the page when readability finds
// too little.
func extractBlocks(doc *html.Node, base *url.URL) ([]block, readability.Article) {
	parser := readability.NewParser()
	parser.KeepClasses = true // htmlBlocks reads them to leave out page furniture
	rd, err := parser.ParseDocument(doc, base)
	var blocks []block
	if err == nil && rd.Node != nil {
		blocks = htmlBlocks(rd.Node)
	}
	if textLen(blocks) < 200 {
		if fb := fallbackBlocks(doc); textLen(fb) > textLen(blocks) {
			blocks = fb
		}
	}
	return blocks, rd
}

// textLen is the number of bytes of text in blocks.
func textLen(bs []block) int {
	n := 0
	for _, b := range bs {
		n += len(b.text)
	}
	return n
}

// blockTags start a new paragraph.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Li: true,
	atom.Blockquote: true, atom.Pre: true, atom.Td: true, atom.Th: true, atom.Tr: true,
	atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Figure: true, atom.Figcaption: true, atom.Header: true, atom.Footer: true, atom.Main: true,
	atom.Hr: true, atom.Address: true, atom.Br: true, atom.Caption: true, atom.Details: true,
	atom.Summary: true, atom.Center: true, atom.Body: true, atom.Html: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// skipTags hold no article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Head: true,
	atom.Audio: true, atom.Video: true, atom.Map: true,
}

// htmlBlocks turns an element tree into paragraph blocks: one per block
// element's own run of text; headings h2–h6 (and h1 inside the content)
// become subheads.
func htmlBlocks(root *html.Node) []block {
	var out []block
	var buf strings.Builder
	linkChars := 0 // bytes of buf inside links
	rootLen := len(nodeText(root))
	flush := func(kind parallax.ParagraphKind) {
		raw := buf.String()
		t := cleanLine(raw)
		links := linkChars
		buf.Reset()
		linkChars = 0
		if t == "" {
			return
		}
		// A run of text that is mostly links is navigation.
		if links*10 > len(raw)*6 {
			return
		}
		out = append(out, block{text: t, kind: kind, single: true})
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			buf.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] || hiddenElement(n) {
				return
			}
			// Furniture is left out unless it holds most of the text (then
			// the page misnamed its article).
			if n != root && isFurniture(n) && len(nodeText(n))*5 < rootLen*2 {
				return
			}
			if n.DataAtom == atom.Img {
				return
			}
			if isHeading(n.DataAtom) {
				flush("")
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				flush(parallax.KindSubhead)
				return
			}
			if blockTags[n.DataAtom] {
				flush("")
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				flush("")
				return
			}
			before := buf.Len()
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			if n.DataAtom == atom.A {
				linkChars += buf.Len() - before
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	flush("")
	return out
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// furnitureRe matches the class or id of page parts that are not the
// article: captions, credits, sharing and related-story boxes, ads.
var furnitureRe = lazyregexp.New(`(?i)(?:^|[\s_-])(?:caption|credit|share|sharing|social|related|recommended|newsletter|subscribe|promo|advert|ad-container|ads|sponsor|breadcrumbs?|tags?|comments?|byline-social|more-stories|read-more|most-popular|trending|outbrain|taboola|sidebar|signup)(?:$|[\s_-])`)

// contentRe matches class or id names of the article's own containers,
// which are kept even when they also carry a furniture word.
var contentRe = lazyregexp.New(`(?i)article|body|content|main|story|entry|post|text`)

// isFurniture reports whether n is a caption or a box around the article
// (by tag, class or id), which readers do not count as its text.
func isFurniture(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Figcaption, atom.Nav, atom.Aside:
		return true
	case atom.Body, atom.Html, atom.Article, atom.Main:
		return false
	}
	names := attr(n, "class") + " " + attr(n, "id")
	return furnitureRe.MatchString(names) && !contentRe.MatchString(names)
}

// hiddenElement reports whether n is hidden from readers.
func hiddenElement(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// fallbackBlocks reads the page's body text, leaving out navigation, page
// headers, footers and asides, for pages where readability finds nothing.
func fallbackBlocks(doc *html.Node) []block {
	body := findElement(doc, atom.Body)
	if body == nil {
		body = doc
	}
	clone := cloneWithout(body, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Nav, atom.Aside, atom.Form:
			return true
		}
		return false
	})
	return htmlBlocks(clone)
}

// findElement returns the first element with tag a under n.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// cloneWithout deep-copies n, leaving out the elements drop selects.
func cloneWithout(n *html.Node, drop func(*html.Node) bool) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: n.Attr}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && drop(k) {
			continue
		}
		c.AppendChild(cloneWithout(k, drop))
	}
	return c
}

// wellFormed reports whether an HTML text closes what it opens and ends
// outside a tag: the test that tells an empty page from a broken one.
func wellFormed(s string) bool {
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if strings.HasSuffix(strings.TrimSpace(string(z.Raw())), ">") || len(z.Raw()) == 0 {
				return len(stack) == 0
			}
			return false
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidOrOptional[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if voidOrOptional[string(name)] {
				continue
			}
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// voidOrOptional are elements that need no end tag.
var voidOrOptional = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true,
	"option": true, "thead": true, "tbody": true, "tfoot": true, "colgroup": true,
	"html": true, "head": true, "body": true,
}

// cleanTitle collapses white space in a title.
func cleanTitle(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// sameText reports whether a and b are the same words, ignoring case and
// punctuation.
func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(words(a), " "), strings.Join(words(b), " "))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
