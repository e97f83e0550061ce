package ingest

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about itself in its head: meta tags,
// OpenGraph, JSON-LD and link elements.
type pageMeta struct {
	title, byline, siteName, canonical, language string
	published                                    time.Time
}

// readMetadata collects a page's metadata. JSON-LD is read first, as it is
// the most structured; OpenGraph and plain meta tags fill what it lacks.
func readMetadata(doc *html.Node) pageMeta {
	var m pageMeta
	var (
		metas   = map[string]string{} // lower-case name/property → first content
		ldNodes []string
		docLang string
		title   string
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				docLang = attr(n, "lang")
				if docLang == "" {
					docLang = attr(n, "xml:lang")
				}
			case atom.Title:
				if title == "" {
					title = nodeText(n)
				}
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				if content == "" {
					break
				}
				for _, key := range []string{"property", "name", "itemprop", "http-equiv"} {
					if k := strings.ToLower(strings.TrimSpace(attr(n, key))); k != "" {
						if _, seen := metas[k]; !seen {
							metas[k] = content
						}
					}
				}
			case atom.Link:
				rel := strings.ToLower(attr(n, "rel"))
				if rel == "canonical" && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					ldNodes = append(ldNodes, nodeText(n))
				}
			case atom.Time:
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					if _, seen := metas["itemprop:time"]; !seen {
						metas["itemprop:time"] = attr(n, "datetime")
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	for _, src := range ldNodes {
		readJSONLD(src, &m)
	}
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := strings.TrimSpace(metas[k]); v != "" {
				return v
			}
		}
		return ""
	}
	if m.title == "" {
		m.title = first("og:title", "twitter:title", "dc.title", "headline")
	}
	if m.title == "" {
		m.title = strings.TrimSpace(title)
	}
	if m.byline == "" {
		for _, v := range []string{first("author", "dc.creator", "parsely-author", "sailthru.author", "byl", "article:author", "twitter:creator")} {
			if v != "" && !strings.Contains(v, "://") && !strings.HasPrefix(v, "@") {
				m.byline = cleanByline(v)
			}
		}
	}
	if m.siteName == "" {
		m.siteName = first("og:site_name", "application-name", "twitter:site")
		m.siteName = strings.TrimPrefix(m.siteName, "@")
	}
	if m.canonical == "" {
		m.canonical = first("og:url", "twitter:url")
	}
	if m.published.IsZero() {
		if v := first("article:published_time", "og:published_time", "datepublished", "itemprop:time", "pubdate", "publishdate",
			"date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "publish-date", "article.published"); v != "" {
			if t, err := parseDate(v); err == nil {
				m.published = t
			}
		}
	}
	if m.language == "" {
		m.language = docLang
	}
	if m.language == "" {
		m.language = first("content-language", "og:locale", "language", "dc.language")
	}
	m.language = normalizeLang(m.language)
	return m
}

// readJSONLD reads a JSON-LD script and takes the fields of the first
// article-like object in it that m does not have yet.
func readJSONLD(src string, m *pageMeta) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			if !isArticleType(x["@type"]) {
				return
			}
			if m.title == "" {
				m.title = jsonString(x["headline"])
				if m.title == "" {
					m.title = jsonString(x["name"])
				}
			}
			if m.byline == "" {
				m.byline = cleanByline(jsonNames(x["author"]))
			}
			if m.published.IsZero() {
				if t, err := parseDate(jsonString(x["datePublished"])); err == nil {
					m.published = t
				}
			}
			if m.siteName == "" {
				m.siteName = jsonNames(x["publisher"])
			}
			if m.canonical == "" {
				m.canonical = jsonString(x["url"])
				if m.canonical == "" {
					if id, ok := x["mainEntityOfPage"].(map[string]any); ok {
						m.canonical = jsonString(id["@id"])
					} else {
						m.canonical = jsonString(x["mainEntityOfPage"])
					}
				}
			}
			if m.language == "" {
				m.language = jsonString(x["inLanguage"])
			}
		}
	}
	visit(v, 0)
}

// isArticleType reports whether a JSON-LD @type names a kind of article.
func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.HasSuffix(x, "Article") || x == "BlogPosting" || x == "Report" || x == "LiveBlogPosting"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func jsonString(v any) string {
	if s, ok := v.(string); ok {
		return strings.TrimSpace(html.UnescapeString(s))
	}
	return ""
}

// jsonNames reads a JSON-LD person or organisation, or a list of them, as
// their names joined with ", ".
func jsonNames(v any) string {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "://") {
			return ""
		}
		return strings.TrimSpace(x)
	case map[string]any:
		return jsonString(x["name"])
	case []any:
		var names []string
		for _, e := range x {
			if n := jsonNames(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// cleanByline trims a leading "By" and white space from a byline.
func cleanByline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	return s
}

// normalizeLang turns "en_US" or "EN-us" into "en-US", and drops values
// that are not language tags.
func normalizeLang(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = s[:i]
	}
	if s == "" || len(s) > 20 {
		return ""
	}
	parts := strings.Split(s, "-")
	parts[0] = strings.ToLower(parts[0])
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return ""
	}
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) == 2 {
			parts[i] = strings.ToUpper(parts[i])
		}
	}
	return strings.Join(parts, "-")
}

// resolveURL makes ref absolute against base; it returns "" for anything
// that is not an http(s) URL.
func resolveURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// siteOf is the host of an absolute URL without a leading "www.".
func siteOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nodeText is all the text under n, white space collapsed.
func nodeText(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}
