// MD5 for the router's login page, shipped inside the page itself: the hotspot's http-chap login needs the
// browser to compute MD5(chap-id ‖ password ‖ chap-challenge), and a phone that is not logged in can reach
// nothing outside the router and the walled garden, so the page may load no script from anywhere. Written for
// old Android browsers (ES5, no padStart). Input is a "binary string" (each char one byte, 0–255). It holds no
// "$(", so RouterOS's page language leaves it untouched.

export const HOTSPOT_MD5_JS = `function md5hex(s){var K=[],S=[7,12,17,22,5,9,14,20,4,11,16,23,6,10,15,21],i,n=s.length,l=((n+8)>>6)+1,w=[];
for(i=0;i<64;i++)K[i]=Math.floor(Math.abs(Math.sin(i+1))*4294967296)|0;
for(i=0;i<l*16;i++)w[i]=0;
for(i=0;i<n;i++)w[i>>2]|=(s.charCodeAt(i)&255)<<((i%4)*8);
w[n>>2]|=128<<((n%4)*8);w[l*16-2]=n*8;
var h=[1732584193,-271733879,-1732584194,271733878];
for(var o=0;o<l*16;o+=16){var a=h[0],b=h[1],c=h[2],d=h[3];
for(i=0;i<64;i++){var r=i>>4,f,g;
if(r===0){f=(b&c)|(~b&d);g=i}else if(r===1){f=(d&b)|(~d&c);g=(5*i+1)%16}else if(r===2){f=b^c^d;g=(3*i+5)%16}else{f=c^(b|~d);g=(7*i)%16}
var t=d,x=(a+f+K[i]+w[o+g])|0,q=S[r*4+i%4];d=c;c=b;b=(b+((x<<q)|(x>>>(32-q))))|0;a=t}
h[0]=(h[0]+a)|0;h[1]=(h[1]+b)|0;h[2]=(h[2]+c)|0;h[3]=(h[3]+d)|0}
var out='';for(i=0;i<16;i++)out+=('0'+((h[i>>2]>>>((i%4)*8))&255).toString(16)).slice(-2);return out}`;
