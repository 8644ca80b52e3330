//go:build !unix

package model

import "os"

func mapFile(*os.File, int64) ([]byte, bool) { return nil, false }

func releaseMapped([]byte) {}
