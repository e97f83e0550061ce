package ui

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/store"
)

// addGrouped stores a batch of read inputs where automatic grouping puts
// them, placed jointly with the library as the command line's import does
// (store.GroupBatchFeatures), in one transaction.
func (mw *mainWindow) addGrouped(ctx context.Context, rs []ingest.Result, sum *importSummary) error {
	var arts []*parallax.Article
	var names []string
	for _, r := range rs {
		if r.Err != nil || r.Article == nil {
			mw.addImported(ctx, r.Path, nil, r.Err, &importTarget{}, sum)
			continue
		}
		arts = append(arts, r.Article)
		names = append(names, r.Path)
	}
	if len(arts) == 0 {
		return nil
	}
	st := mw.lib.st
	opt := store.AddOptions{Grouped: true}
	if targets, feats, err := st.GroupBatchFeatures(ctx, arts); err == nil {
		opt.Targets, opt.Features = targets, feats
	} // else the index places each article on its own
	errs, err := st.AddArticles(ctx, arts, opt)
	if err != nil {
		return err
	}
	for i, a := range arts {
		var dup *store.DuplicateError
		switch {
		case errs[i] == nil:
			sum.imported++
			if sum.storyID == 0 {
				sum.storyID = a.StoryID
			}
		case errors.As(errs[i], &dup):
			sum.duplicates++
			if sum.storyID == 0 {
				sum.storyID = dup.StoryID
			}
		case errors.Is(errs[i], store.ErrDuplicate):
			sum.duplicates++
		default:
			sum.refused = append(sum.refused, filepath.Base(names[i])+": "+readable(errs[i]))
		}
	}
	return nil
}

// filesWithExt lists the files among paths (folders walked, hidden ones
// skipped as Walk skips them) whose extension is one of exts.
func filesWithExt(paths []string, exts []string) []string {
	var out []string
	for _, p := range paths {
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
				out = append(out, path)
			}
			return nil
		})
	}
	return out
}
