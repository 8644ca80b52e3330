package data

import (
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/model/modeltest"
)

const base = modeltest.Base

// fixture is modeltest.Strategy: see its doc comment for what it holds.
func fixture() *model.Strategy { return modeltest.Strategy() }
