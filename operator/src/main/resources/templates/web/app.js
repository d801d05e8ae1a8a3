// FailDaily default web page
