package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZDbg(t *testing.T) {
	dir := "/work/shared/data/extraction"
	raw, _ := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	var truth map[string]struct{ ArticleBody, URL string }
	json.Unmarshal(raw, &truth)
	for _, pre := range strings.Split(os.Getenv("IDS"), ",") {
		for id, tr := range truth {
			if !strings.HasPrefix(id, pre) {
				continue
			}
			data, _ := readGzip(filepath.Join(dir, "html", id+".html.gz"))
			a, err := ParseHTML(tr.URL, data, "", Options{})
			if err != nil {
				fmt.Println(err)
				continue
			}
			fmt.Println("=====", id[:12], tr.URL)
			for _, p := range a.Paragraphs {
				in := strings.Contains(strings.Join(words(tr.ArticleBody), " "), strings.Join(words(p.Text), " "))
				mark := "  "
				if !in {
					mark = "XX"
				}
				fmt.Printf("%s %-8s %.150q\n", mark, p.Kind, p.Text)
			}
		}
	}
}
