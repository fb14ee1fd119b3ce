#!/usr/bin/env node
"use strict";
// cdktf.json's "app": main.ts, compiled when dist/ is current, else through tsx (see compiled-or-source.js).
require("./compiled-or-source").loadProjectModule("main");
